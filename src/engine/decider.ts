import { DecisionDraft, type DeciderInput, type WorkflowChange } from './decider-draft.js';
import { resolveParameters } from './expression-resolve.js';
import { retryDelaySeconds } from './retry-delay.js';
import { evaluateScript } from './script-eval.js';
import { DECIDER_TASK_TYPES, draftLookup, scheduleTask, startSystemTask, type Scope } from './task-schedule.js';
import { defaultTaskDef, systemTaskDef, type TaskDef, type WorkflowTask } from './workflow-def-schema.js';
import { isSuccessfulTaskStatus, isTerminalTaskStatus, type Task } from './workflow-schema.js';

export type { DeciderInput } from './decider-draft.js';

/** Side effects the engine performs after recording a decision. */
export type DeciderAction =
  | { kind: 'dispatch'; taskId: string }
  | { kind: 'startSubWorkflow'; taskId: string }
  | { kind: 'cancel'; taskId: string };

/** The decider's answer: records to write (in one transaction), then actions to perform. */
export interface Decision {
  /** New and changed task records, in the order they were touched. */
  tasks: Task[];
  /** Workflow-level fields, when they changed. */
  workflow: WorkflowChange | undefined;
  actions: DeciderAction[];
  /** When to decide again even if nothing happens (retry delays, timeouts). */
  wakeAt: number | undefined;
}

type Walk = 'done' | 'blocked' | 'stop';

const TOP: Scope = { suffix: '', iteration: 0 };

function taskDefFor(draft: DecisionDraft, wt: WorkflowTask): TaskDef {
  return draft.taskDefs.get(wt.name) ?? (wt.type === 'SIMPLE' ? defaultTaskDef(wt.name) : systemTaskDef(wt.name));
}

function nonEmpty(value: Record<string, unknown>): boolean {
  for (const _ in value) return true;
  return false;
}

/**
 * Decides what happens next for one workflow: a pure function of the recorded
 * workflow (with its definition snapshot and tasks), the task definitions and
 * `now`. It replays the definition tree against the task records, so whatever
 * state a crash leaves behind, deciding again continues from it.
 */
export function decide(input: DeciderInput): Decision {
  const draft = new DecisionDraft(input);
  if (draft.header.status === 'RUNNING') {
    // One pass normally suffices; passes repeat only if a pass changed something a
    // task visited earlier depends on.
    for (let pass = 0; pass < 50; pass++) {
      const before = draft.changed.size + (draft.headerChanged ? 1 : 0);
      draft.pending = false;
      draft.wakeAt = undefined;
      decidePass(draft);
      const after = draft.changed.size + (draft.headerChanged ? 1 : 0);
      if (draft.ended || after === before) break;
    }
  }
  return finish(draft);
}

function decidePass(draft: DecisionDraft): void {
  const def = draft.def;
  if (def.timeoutSeconds > 0 && def.timeoutPolicy === 'TIME_OUT_WF') {
    const deadline = draft.workflow.startTime + def.timeoutSeconds * 1000;
    if (draft.now >= deadline) {
      draft.end('TIMED_OUT', `Workflow timed out after ${def.timeoutSeconds} seconds`);
      return;
    }
    draft.wakeUpAt(deadline);
  }
  const result = walkSeq(draft, def.tasks, TOP);
  if (result === 'done' && !draft.pending && !draft.ended) draft.end('COMPLETED', undefined);
}

/** Conductor's workflow output: the resolved outputParameters, else the last task's output. */
function workflowOutput(draft: DecisionDraft): Record<string, unknown> {
  return nonEmpty(draft.def.outputParameters) ? resolveParameters(draft.def.outputParameters, draftLookup(draft)) : lastTaskOutput(draft);
}

function lastTaskOutput(draft: DecisionDraft): Record<string, unknown> {
  let last: Task | undefined;
  for (const t of draft.tasks) if (!last || t.seq > last.seq) last = t;
  return last?.outputData ?? {};
}

function walkSeq(draft: DecisionDraft, list: readonly WorkflowTask[], scope: Scope, literalInput = false): Walk {
  for (let k = 0; k < list.length; k++) {
    const r = walkTask(draft, list[k]!, scope, list[k - 1], literalInput);
    if (r !== 'done') return r;
  }
  return 'done';
}

function walkTask(draft: DecisionDraft, wt: WorkflowTask, scope: Scope, prev: WorkflowTask | undefined, literalInput: boolean): Walk {
  let t = draft.latest(wt.taskReferenceName + scope.suffix);
  if (!t) {
    t = scheduleTask(draft, wt, scope, { literalInput, prev });
    if (draft.ended) return 'stop';
  }
  return evaluate(draft, wt, t, scope, prev);
}

function evaluate(draft: DecisionDraft, wt: WorkflowTask, t: Task, scope: Scope, prev: WorkflowTask | undefined = undefined): Walk {
  switch (t.status) {
    case 'SCHEDULED':
    case 'IN_PROGRESS':
      if (t.status === 'SCHEDULED' && DECIDER_TASK_TYPES.has(wt.type)) {
        // A system task re-created by a workflow retry: start it now, from its recorded input.
        const started = startSystemTask(draft, t, wt, scope, prev);
        if (draft.ended) return 'stop';
        return evaluate(draft, wt, started, scope, prev);
      }
      if (wt.type === 'JOIN') return evaluateJoin(draft, t);
      if (wt.type === 'DO_WHILE') return evaluateLoop(draft, wt, t, scope);
      return checkRunning(draft, wt, t, scope);
    case 'COMPLETED':
    case 'COMPLETED_WITH_ERRORS':
    case 'SKIPPED':
      return afterSuccess(draft, wt, t, scope);
    default:
      return afterFailure(draft, wt, t, scope);
  }
}

function afterSuccess(draft: DecisionDraft, wt: WorkflowTask, t: Task, scope: Scope): Walk {
  switch (wt.type) {
    case 'FORK_JOIN':
      return walkBranches(draft, (wt.forkTasks ?? []).map((b) => ({ tasks: b, literal: false })), scope);
    case 'FORK_JOIN_DYNAMIC': {
      const forked = (t.inputData['forkedTaskDefs'] ?? []) as WorkflowTask[];
      return walkBranches(draft, forked.map((f) => ({ tasks: [f], literal: true })), scope);
    }
    case 'SWITCH': {
      const key = (t.outputData['evaluationResult'] as unknown[] | undefined)?.[0];
      const cases = wt.decisionCases ?? {};
      const branch = typeof key === 'string' && Object.hasOwn(cases, key) ? cases[key]! : (wt.defaultCase ?? []);
      return walkSeq(draft, branch, scope);
    }
    default:
      return 'done';
  }
}

/** Walks fork branches side by side; the JOIN after the fork decides when they are all done. */
function walkBranches(draft: DecisionDraft, branches: { tasks: WorkflowTask[]; literal: boolean }[], scope: Scope): Walk {
  for (const b of branches) {
    const r = walkSeq(draft, b.tasks, scope, b.literal);
    if (r === 'stop') return 'stop';
    if (r === 'blocked') draft.pending = true;
  }
  return 'done';
}

function evaluateJoin(draft: DecisionDraft, t: Task): Walk {
  const joinOn = (t.inputData['joinOn'] ?? []) as string[];
  const output: Record<string, unknown> = {};
  let allDone = true;
  for (const ref of joinOn) {
    const ft = draft.latest(ref);
    // A failed branch task ends the workflow when its branch is walked; here it only means "not yet".
    if (!ft || !isSuccessfulTaskStatus(ft.status)) {
      allDone = false;
      continue;
    }
    // Conductor leaves branches with empty output out of the JOIN's output.
    if (nonEmpty(ft.outputData)) output[ref] = ft.outputData;
  }
  if (!allDone) return 'blocked';
  draft.update(t, { status: 'COMPLETED', outputData: output, endTime: draft.now });
  return 'done';
}

function loopTasks(list: readonly WorkflowTask[], out: WorkflowTask[] = []): WorkflowTask[] {
  for (const wt of list) {
    out.push(wt);
    for (const branch of wt.forkTasks ?? []) loopTasks(branch, out);
    for (const branch of Object.values(wt.decisionCases ?? {})) loopTasks(branch, out);
    loopTasks(wt.defaultCase ?? [], out);
  }
  return out;
}

function evaluateLoop(draft: DecisionDraft, wt: WorkflowTask, t: Task, scope: Scope): Walk {
  const iteration = t.iteration;
  const inner: Scope = { suffix: `${scope.suffix}__${iteration}`, iteration };
  // Branches still running inside this iteration keep the loop from moving on.
  const outerPending = draft.pending;
  draft.pending = false;
  const r = walkSeq(draft, wt.loopOver ?? [], inner);
  const innerPending = draft.pending;
  draft.pending = outerPending;
  if (r !== 'done' || innerPending) return r === 'stop' ? 'stop' : 'blocked';
  const iterationOutput: Record<string, unknown> = {};
  for (const lt of loopTasks(wt.loopOver ?? [])) {
    const done = draft.latest(lt.taskReferenceName + inner.suffix);
    if (done) iterationOutput[lt.taskReferenceName] = done.outputData;
  }
  const output = { ...t.outputData, iteration, [String(iteration)]: iterationOutput };
  let again: boolean;
  try {
    const $ = { ...t.inputData, ...iterationOutput, [wt.taskReferenceName]: output };
    again = Boolean(evaluateScript(wt.loopCondition ?? 'false', $));
  } catch (error) {
    const reason = `DO_WHILE loopCondition failed: ${error instanceof Error ? error.message : String(error)}`;
    const failed = draft.update(t, { status: 'FAILED_WITH_TERMINAL_ERROR', outputData: output, reasonForIncompletion: reason, endTime: draft.now });
    return afterFailure(draft, wt, failed, scope);
  }
  if (!again) {
    draft.update(t, { status: 'COMPLETED', outputData: output, endTime: draft.now });
    return 'done';
  }
  // As Conductor, the loop's output names the iteration under way.
  const next = draft.update(t, { iteration: iteration + 1, outputData: { ...output, iteration: iteration + 1 } });
  return evaluateLoop(draft, wt, next, scope);
}

/** Timeouts and readiness of a task that is waiting for a worker or a child workflow. */
function checkRunning(draft: DecisionDraft, wt: WorkflowTask, t: Task, scope: Scope): Walk {
  if (wt.type !== 'SIMPLE') return 'blocked';
  const def = taskDefFor(draft, wt);
  const now = draft.now;
  if (t.status === 'SCHEDULED') {
    const readyAt = t.scheduledTime + t.startDelayInSeconds * 1000;
    if (readyAt > now) draft.wakeUpAt(readyAt);
    return 'blocked';
  }
  if (def.timeoutSeconds > 0 && def.timeoutPolicy !== 'ALERT_ONLY') {
    const deadline = t.startTime + def.timeoutSeconds * 1000;
    if (now >= deadline) {
      const reason = `Task timed out after ${def.timeoutSeconds} seconds (timeoutSeconds)`;
      const timedOut = draft.update(t, { status: 'TIMED_OUT', reasonForIncompletion: reason, endTime: now });
      if (def.timeoutPolicy === 'TIME_OUT_WF') {
        draft.end('TIMED_OUT', reason);
        return 'stop';
      }
      return afterFailure(draft, wt, timedOut, scope);
    }
    draft.wakeUpAt(deadline);
  }
  if (def.responseTimeoutSeconds > 0) {
    const deadline = t.updateTime + def.responseTimeoutSeconds * 1000;
    if (now >= deadline) {
      const reason = `Task had no response for ${def.responseTimeoutSeconds} seconds (responseTimeoutSeconds)`;
      const timedOut = draft.update(t, { status: 'TIMED_OUT', reasonForIncompletion: reason, endTime: now });
      return afterFailure(draft, wt, timedOut, scope);
    }
    draft.wakeUpAt(deadline);
  }
  return 'blocked';
}

function afterFailure(draft: DecisionDraft, wt: WorkflowTask, t: Task, scope: Scope): Walk {
  const def = taskDefFor(draft, wt);
  const retryable = t.status === 'FAILED' || t.status === 'TIMED_OUT';
  if (retryable && t.retryCount < def.retryCount) {
    draft.update(t, { retried: true });
    const retry: Task = {
      ...t,
      taskId: draft.newId(),
      status: 'SCHEDULED',
      outputData: {},
      retryCount: t.retryCount + 1,
      retried: false,
      retriedTaskId: t.taskId,
      seq: draft.takeSeq(),
      pollCount: 0,
      scheduledTime: draft.now,
      startTime: 0,
      endTime: 0,
      updateTime: draft.now,
      startDelayInSeconds: retryDelaySeconds(def, t.retryCount),
    };
    delete retry.workerId;
    delete retry.reasonForIncompletion;
    delete retry.subWorkflowId;
    const added = draft.add(retry);
    return evaluate(draft, wt, added, scope);
  }
  if (wt.optional === true && t.status !== 'CANCELED') {
    const done = draft.update(t, { status: 'COMPLETED_WITH_ERRORS' });
    return afterSuccess(draft, wt, done, scope);
  }
  // Conductor's mapping: a timed-out task times the workflow out, a cancelled one terminates it.
  const status = t.status === 'TIMED_OUT' ? 'TIMED_OUT' : t.status === 'CANCELED' ? 'TERMINATED' : 'FAILED';
  const reason = t.reasonForIncompletion ?? `task ${t.referenceTaskName} ended ${t.status}`;
  draft.end(status, reason);
  return 'stop';
}

function finish(draft: DecisionDraft): Decision {
  if (draft.ended && draft.headerChanged && !draft.outputSet) draft.setHeader({ output: workflowOutput(draft) });
  const actions: DeciderAction[] = [];
  for (const t of draft.changed.values()) {
    const was = draft.original.get(t.taskId);
    if (was !== undefined && !isTerminalTaskStatus(was) && isTerminalTaskStatus(t.status)) {
      if (t.workflowTask.type === 'SIMPLE' || t.workflowTask.type === 'SUB_WORKFLOW') actions.push({ kind: 'cancel', taskId: t.taskId });
    }
  }
  if (draft.header.status === 'RUNNING') {
    for (const t of draft.tasks) {
      if (t.status !== 'SCHEDULED' || t.retried) continue;
      if (t.scheduledTime + t.startDelayInSeconds * 1000 > draft.now) continue;
      if (t.workflowTask.type === 'SIMPLE') actions.push({ kind: 'dispatch', taskId: t.taskId });
      else if (t.workflowTask.type === 'SUB_WORKFLOW') actions.push({ kind: 'startSubWorkflow', taskId: t.taskId });
    }
  }
  return {
    tasks: [...draft.changed.values()],
    workflow: draft.headerChanged ? { ...draft.header } : undefined,
    actions,
    wakeAt: draft.ended ? undefined : draft.wakeAt,
  };
}

/** Ends a workflow as TERMINATED (the `terminate` operation), cancelling what is still running. */
export function terminateDecision(input: DeciderInput, reason: string | undefined): Decision {
  const draft = new DecisionDraft(input);
  draft.end('TERMINATED', reason);
  return finish(draft);
}

const RETRYABLE_ON_WORKFLOW_RETRY = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT', 'CANCELED']);

/**
 * The `retry` operation on a FAILED / TIMED_OUT / TERMINATED workflow, as
 * Conductor's: a cancelled JOIN or DO_WHILE goes back to IN_PROGRESS in
 * place; every other failed or cancelled latest attempt is re-created as a
 * new task (`retryCount+1`, input resolved again, the old one `retried:
 * true`). A SUB_WORKFLOW task comes back IN_PROGRESS on the same child, which
 * the engine retries too. `tasks` is empty when there is nothing to retry.
 */
export function retryDecision(input: DeciderInput): Decision {
  const draft = new DecisionDraft(input);
  const latest = new Map<string, Task>();
  for (const t of draft.tasks) {
    const prev = latest.get(t.referenceTaskName);
    if (!prev || prev.seq < t.seq) latest.set(t.referenceTaskName, t);
  }
  const targets = [...latest.values()].filter((t) => RETRYABLE_ON_WORKFLOW_RETRY.has(t.status)).sort((a, b) => a.seq - b.seq);
  const lookup = draftLookup(draft);
  for (const t of targets) {
    const type = t.workflowTask.type;
    const waits = type === 'JOIN' || type === 'DO_WHILE';
    if (waits && t.status === 'CANCELED') {
      draft.update(t, { status: 'IN_PROGRESS', endTime: 0 });
      continue;
    }
    draft.update(t, { retried: true });
    const resumesChild = type === 'SUB_WORKFLOW' && t.subWorkflowId !== undefined;
    // A dynamic fork's record also holds the forked tasks it computed; it computes them again.
    const literal = type === 'FORK_JOIN_DYNAMIC';
    const copy: Task = {
      ...t,
      taskId: draft.newId(),
      status: waits || resumesChild ? 'IN_PROGRESS' : 'SCHEDULED',
      inputData: literal ? resolveParameters(t.workflowTask.inputParameters, lookup) : { ...t.inputData, ...resolveParameters(t.workflowTask.inputParameters, lookup) },
      outputData: type === 'DO_WHILE' ? t.outputData : {},
      retryCount: t.retryCount + 1,
      retried: false,
      retriedTaskId: t.taskId,
      seq: draft.takeSeq(),
      pollCount: 0,
      scheduledTime: draft.now,
      startTime: waits || resumesChild ? draft.now : 0,
      endTime: 0,
      updateTime: draft.now,
      startDelayInSeconds: 0,
    };
    delete copy.workerId;
    delete copy.reasonForIncompletion;
    draft.add(copy);
  }
  if (draft.changed.size === 0) return finish(draft);
  draft.setHeader({ status: 'RUNNING', reasonForIncompletion: undefined, failedReferenceTaskNames: [], endTime: 0, output: {} });
  return finish(draft);
}
