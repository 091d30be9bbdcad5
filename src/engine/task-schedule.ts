import type { DecisionDraft } from './decider-draft.js';
import { resolveParameters, type RootLookup } from './expression-resolve.js';
import { evaluateScript } from './script-eval.js';
import { workflowTaskSchema, type WorkflowTask } from './workflow-def-schema.js';
import type { Task } from './workflow-schema.js';

/** Where a task sits: the suffix DO_WHILE adds to references, and the loop iteration. */
export interface Scope {
  suffix: string;
  iteration: number;
}

/** The `${…}` root lookup over a draft: `workflow` or a task reference. */
export function draftLookup(draft: DecisionDraft): RootLookup {
  return (root) => {
    if (root === 'workflow') {
      const wf = draft.workflow;
      return {
        workflowId: wf.workflowId,
        workflowType: wf.workflowName,
        version: wf.workflowVersion,
        correlationId: wf.correlationId,
        status: draft.header.status,
        input: wf.input,
        output: draft.header.output,
        variables: draft.header.variables,
        createTime: wf.createTime,
        parentWorkflowId: wf.parentWorkflowId,
      };
    }
    const t = draft.latestForExpression(root);
    if (!t) return undefined;
    return {
      input: t.inputData,
      output: t.outputData,
      status: t.status,
      taskId: t.taskId,
      referenceTaskName: t.referenceTaskName,
      retryCount: t.retryCount,
      reasonForIncompletion: t.reasonForIncompletion,
      subWorkflowId: t.subWorkflowId,
    };
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves the dynamic fork's task list from either of Conductor's two input forms. */
function dynamicForkTasks(wt: WorkflowTask, input: Record<string, unknown>, options: { earlierDynamicFork: boolean }): WorkflowTask[] {
  if (wt.dynamicForkTasksParam !== undefined) {
    const list = input[wt.dynamicForkTasksParam];
    const inputs = (input[wt.dynamicForkTasksInputParamName ?? ''] ?? {}) as Record<string, unknown>;
    if (!Array.isArray(list)) throw new Error(`input '${wt.dynamicForkTasksParam}' is not a list of tasks`);
    return list.map((raw, i) => {
      const parsed = workflowTaskSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`dynamic task [${i}] is not a workflow task: ${parsed.error.issues[0]?.message ?? ''}`);
      const taskInput = inputs[parsed.data.taskReferenceName];
      return { ...parsed.data, inputParameters: (taskInput ?? {}) as Record<string, unknown> };
    });
  }
  const inputs = input['forkTaskInputs'];
  if (!Array.isArray(inputs)) throw new Error('needs dynamicForkTasksParam, or a forkTaskInputs list');
  const subWorkflow = typeof input['forkTaskWorkflow'] === 'string' ? input['forkTaskWorkflow'] : undefined;
  const forkType = typeof input['forkTaskType'] === 'string' ? input['forkTaskType'] : undefined;
  const type = subWorkflow !== undefined ? 'SUB_WORKFLOW' : (forkType ?? 'SIMPLE');
  const givenName = typeof input['forkTaskName'] === 'string' ? input['forkTaskName'] : undefined;
  // Conductor's defaults: a system type names itself, else the fork's reference does.
  const name = givenName ?? (forkType !== undefined && forkType !== 'SIMPLE' ? forkType : (subWorkflow ?? wt.taskReferenceName));
  // Conductor prefixes the fork's reference once an earlier dynamic fork ran in the workflow.
  const prefix = options.earlierDynamicFork ? `_${wt.taskReferenceName}_${name}` : `_${name}`;
  const version = Number(input['forkTaskWorkflowVersion']);
  return inputs.map((taskInput, i) => {
    const inputParameters: Record<string, unknown> =
      taskInput !== null && typeof taskInput === 'object' && !Array.isArray(taskInput) ? { ...taskInput } : { input: taskInput };
    inputParameters['__index'] = i;
    const forked: WorkflowTask = { name, taskReferenceName: `${prefix}_${i}`, type, inputParameters, ...(wt.optional ? { optional: true } : {}) };
    if (subWorkflow !== undefined) forked.subWorkflowParam = { name: subWorkflow, ...(Number.isInteger(version) ? { version } : {}) };
    return forked;
  });
}

/**
 * Conductor's taskType / taskDefName for a task record: a SIMPLE task's type
 * is its TaskDef name; forks are recorded as FORK; JOIN and SWITCH use their
 * type as the def name.
 */
function recordTypes(wt: WorkflowTask): { taskType: string; taskDefName: string } {
  switch (wt.type) {
    case 'SIMPLE':
      return { taskType: wt.name, taskDefName: wt.name };
    case 'FORK_JOIN':
    case 'FORK_JOIN_DYNAMIC':
      return { taskType: 'FORK', taskDefName: 'FORK' };
    case 'JOIN':
    case 'SWITCH':
      return { taskType: wt.type, taskDefName: wt.type };
    default:
      return { taskType: wt.type, taskDefName: wt.name };
  }
}

/**
 * Creates the task record for a workflow task and runs what a system task does
 * at once (INLINE, SWITCH, FORK, SET_VARIABLE, TERMINATE…). SIMPLE and
 * SUB_WORKFLOW records stay SCHEDULED for the engine to dispatch.
 */
export function scheduleTask(draft: DecisionDraft, wt: WorkflowTask, scope: Scope, options: { literalInput: boolean; prev: WorkflowTask | undefined }): Task {
  const now = draft.now;
  const input = options.literalInput ? wt.inputParameters : resolveParameters(wt.inputParameters, draftLookup(draft));
  const task: Task = draft.add({
    taskId: draft.newId(),
    ...recordTypes(wt),
    referenceTaskName: wt.taskReferenceName + scope.suffix,
    workflowInstanceId: draft.workflow.workflowId,
    workflowType: draft.workflow.workflowName,
    status: 'SCHEDULED',
    inputData: input,
    outputData: {},
    retryCount: 0,
    retried: false,
    seq: draft.takeSeq(),
    pollCount: 0,
    scheduledTime: now,
    startTime: 0,
    endTime: 0,
    updateTime: now,
    startDelayInSeconds: 0,
    iteration: scope.iteration,
    workflowTask: wt,
  });
  return startSystemTask(draft, task, wt, scope, options.prev);
}

/** Task types the decider runs itself; a SCHEDULED record of one is started at once. */
export const DECIDER_TASK_TYPES: ReadonlySet<string> = new Set(['INLINE', 'SWITCH', 'FORK_JOIN', 'FORK_JOIN_DYNAMIC', 'JOIN', 'DO_WHILE', 'SET_VARIABLE', 'TERMINATE']);

/**
 * Does what a system task does when it starts, from its recorded inputData:
 * INLINE, SWITCH, FORKs, SET_VARIABLE and TERMINATE finish at once; JOIN and
 * DO_WHILE become IN_PROGRESS. Other types are returned unchanged.
 */
export function startSystemTask(draft: DecisionDraft, scheduled: Task, wt: WorkflowTask, scope: Scope, prev: WorkflowTask | undefined): Task {
  const now = draft.now;
  const input = scheduled.inputData;
  let task = scheduled;
  const done = (outputData: Record<string, unknown>, extra: Partial<Task> = {}): Task =>
    draft.update(task, { status: 'COMPLETED', outputData, startTime: now, endTime: now, ...extra });
  const fail = (reason: string): Task =>
    draft.update(task, { status: 'FAILED_WITH_TERMINAL_ERROR', reasonForIncompletion: reason, startTime: now, endTime: now });

  switch (wt.type) {
    case 'INLINE': {
      try {
        const expression = String(input['expression'] ?? wt.expression ?? '');
        task = done({ result: evaluateScript(expression, input) });
      } catch (error) {
        task = fail(`INLINE script failed: ${errorMessage(error)}`);
      }
      break;
    }
    case 'SWITCH': {
      try {
        const evaluator = wt.evaluatorType ?? 'value-param';
        const expression = wt.expression ?? '';
        const value = evaluator === 'value-param' ? input[expression] : evaluateScript(expression, input);
        const key = value === null || value === undefined ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        task = done({ evaluationResult: [key] });
      } catch (error) {
        task = fail(`SWITCH expression failed: ${errorMessage(error)}`);
      }
      break;
    }
    case 'FORK_JOIN':
      task = done({});
      break;
    case 'FORK_JOIN_DYNAMIC': {
      try {
        const earlierDynamicFork = draft.tasks.some((t) => t.workflowTask.type === 'FORK_JOIN_DYNAMIC' && t.taskId !== task.taskId && t.seq < task.seq);
        const forked = dynamicForkTasks(wt, input, { earlierDynamicFork });
        const refs = forked.map((f) => f.taskReferenceName + scope.suffix);
        const dup = refs.find((r, i) => refs.indexOf(r) !== i || (draft.latest(r) !== undefined && !scheduled.retriedTaskId));
        if (dup !== undefined) throw new Error(`dynamic task reference '${dup}' is not unique`);
        task = draft.update(task, { inputData: { ...input, forkedTasks: refs, forkedTaskDefs: forked } });
        task = done({});
      } catch (error) {
        task = fail(`FORK_JOIN_DYNAMIC: ${errorMessage(error)}`);
      }
      break;
    }
    case 'JOIN': {
      const prevTask = prev ? draft.latest(prev.taskReferenceName + scope.suffix) : undefined;
      const joinOn =
        prev?.type === 'FORK_JOIN_DYNAMIC' && prevTask
          ? ((prevTask.inputData['forkedTasks'] ?? []) as string[])
          : (wt.joinOn ?? []).map((r) => r + scope.suffix);
      task = draft.update(task, { status: 'IN_PROGRESS', startTime: now, inputData: { ...input, joinOn } });
      break;
    }
    case 'DO_WHILE':
      task = draft.update(task, { status: 'IN_PROGRESS', startTime: now, iteration: 1, outputData: { iteration: 1 } });
      break;
    case 'SET_VARIABLE':
      draft.setHeader({ variables: { ...draft.header.variables, ...input } });
      task = done({});
      break;
    case 'TERMINATE': {
      const status = String(input['terminationStatus'] ?? wt.terminationStatus ?? 'COMPLETED');
      const output = (input['workflowOutput'] ?? {}) as Record<string, unknown>;
      task = done(output);
      const reason = typeof input['terminationReason'] === 'string' ? input['terminationReason'] : undefined;
      const final = status === 'FAILED' ? 'FAILED' : status === 'TERMINATED' ? 'TERMINATED' : 'COMPLETED';
      draft.end(final, reason, { output });
      break;
    }
    default:
      break;
  }
  return task;
}
