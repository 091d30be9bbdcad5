import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../runtime/clock.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import { EngineError, type Engine, type EngineOptions, type RunOptions } from './engine-api.js';
import { liveOwner } from './task-ownership.js';
import { startWorkerExecution } from './worker-execution.js';
import { WorkerQueues } from './worker-queues.js';
import { workerId as defaultWorkerId } from '../runtime/worker-identity.js';
import { decide, retryDecision, terminateDecision, type DeciderAction, type Decision } from './decider.js';
import { ActiveRun, type RunWaiter } from './engine-run.js';
import { EngineStore, type WorkflowFilter, type WorkflowHeader } from './engine-store.js';
import { defaultTaskDef, taskDefSchema, workflowDefSchema, type TaskDef, type WorkflowDef } from './workflow-def-schema.js';
import { isTerminalTaskStatus, isTerminalWorkflowStatus, type Task, type TaskStatus, type Workflow } from './workflow-schema.js';
import { validateWorkflowDef, WorkflowDefinitionError } from './workflow-validate.js';

interface Completion {
  workflowId: string;
  taskId: string;
  patch: Partial<Task>;
}


const RETRYABLE_WORKFLOW = new Set(['FAILED', 'TIMED_OUT', 'TERMINATED']);

/** How often a driving engine looks for changes another process made to its runs. */
const EXTERNAL_CHANGE_CHECK_MS = 1000;

/** Conductor's mapping of a finished child workflow's status onto its SUB_WORKFLOW task. */
const TASK_STATUS_FOR_CHILD: Partial<Record<string, TaskStatus>> = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  TERMINATED: 'CANCELED',
  TIMED_OUT: 'TIMED_OUT',
};

/** Opens the engine on a SQLite file (WAL mode) with the given workers. */
export function openEngine(options: EngineOptions): Engine {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true });
  const db = new Database(options.dbPath);
  try {
    return new EmbeddedEngine(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class EmbeddedEngine implements Engine {
  private readonly store: EngineStore;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly workerId: string;
  private readonly queues: WorkerQueues;
  private readonly taskDefs = new Map<string, TaskDef>();
  private readonly runs = new Map<string, ActiveRun>();
  private readonly inflight = new Map<string, AbortController>();
  private completions: Completion[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly warnedNoWorker = new Set<string>();
  private readonly watch: NodeJS.Timeout;

  constructor(
    private readonly db: Database.Database,
    options: EngineOptions,
  ) {
    this.store = new EngineStore(db);
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.workerId = options.workerId ?? defaultWorkerId();
    this.queues = new WorkerQueues(options.workers);
    for (const def of this.store.taskDefs()) this.taskDefs.set(def.name, def);
    // Another process (`polyphony workflow terminate|pause`) may change a run this one drives.
    this.watch = setInterval(() => {
      const changed = this.store.transaction(() => this.reloadChangedRuns());
      for (const run of changed) {
        if (run.header.status === 'RUNNING') this.kick(run);
        this.settle(run);
      }
    }, EXTERNAL_CHANGE_CHECK_MS);
    this.watch.unref();
  }

  registerTaskDefs(defs: unknown[]): void {
    const parsed = defs.map((d) => taskDefSchema.parse(d));
    this.store.transaction(() => parsed.forEach((d) => this.store.saveTaskDef(d)));
    for (const d of parsed) this.taskDefs.set(d.name, d);
  }

  registerWorkflow(def: unknown): WorkflowDef {
    const problems = validateWorkflowDef(def);
    const name = isPlainObject(def) && typeof def['name'] === 'string' ? def['name'] : '(unnamed)';
    if (problems.length > 0) throw new WorkflowDefinitionError(name, problems);
    const parsed = workflowDefSchema.parse(def);
    this.store.saveWorkflowDef(parsed);
    return parsed;
  }

  async startWorkflow(name: string, input: Record<string, unknown>, options: { version?: number; correlationId?: string } = {}): Promise<string> {
    const def = this.store.workflowDef(name, options.version);
    if (!def) throw new EngineError(`no workflow definition '${name}'${options.version === undefined ? '' : ` version ${options.version}`}`);
    const header = this.newHeader(def, input, options.correlationId, undefined);
    this.store.saveWorkflow(header);
    this.log.info('workflow started', { workflowId: header.workflowId, name });
    this.drive(new ActiveRun({ ...header, tasks: [] }));
    return header.workflowId;
  }

  private newHeader(def: WorkflowDef, input: Record<string, unknown>, correlationId: string | undefined, parent: { workflowId: string; taskId: string } | undefined): WorkflowHeader {
    const now = this.clock.now();
    return {
      workflowId: randomUUID(),
      workflowName: def.name,
      workflowVersion: def.version,
      ...(correlationId === undefined ? {} : { correlationId }),
      status: 'RUNNING',
      input,
      output: {},
      variables: {},
      failedReferenceTaskNames: [],
      createTime: now,
      startTime: now,
      endTime: 0,
      updateTime: now,
      ...(parent ? { parentWorkflowId: parent.workflowId, parentWorkflowTaskId: parent.taskId } : {}),
      priority: 0,
      workflowDefinition: def,
    };
  }

  runUntilDone(workflowId: string, options: RunOptions = {}): Promise<Workflow> {
    const wf = this.getWorkflow(workflowId, true);
    if (!wf) return Promise.reject(new EngineError(`no workflow '${workflowId}'`));
    if (wf.status !== 'RUNNING') return Promise.resolve(wf);
    let run: ActiveRun;
    try {
      run = this.adopt(workflowId);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<Workflow>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        run.waiters.delete(waiter);
        reject(signal?.reason);
      };
      const waiter: RunWaiter = {
        resolve: (done) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(done);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onChange: options.onChange,
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      run.waiters.add(waiter);
      this.kick(run);
    });
  }

  getWorkflow(id: string, includeTasks = true): Workflow | undefined {
    const run = this.runs.get(id);
    if (run) return includeTasks ? run.snapshot() : { ...run.header, tasks: [] };
    if (!includeTasks) {
      const header = this.store.workflowHeader(id);
      return header ? { ...header, tasks: [] } : undefined;
    }
    return this.store.workflow(id);
  }

  listWorkflows(filter: WorkflowFilter = {}): Workflow[] {
    return this.store.listWorkflows(filter).map((h) => ({ ...h, tasks: [] }));
  }

  // ---- operations -------------------------------------------------------

  retry(id: string): void {
    // One transaction for the workflow and every child it retries, so a crash cannot split them.
    this.store.transaction(() => this.retryRun(id, undefined));
  }

  /** Retries a workflow; a child retried for its parent is re-pointed at the parent's new task. */
  private retryRun(id: string, parentTaskId: string | undefined): void {
    const run = this.load(id);
    if (parentTaskId !== undefined) run.header = { ...run.header, parentWorkflowTaskId: parentTaskId };
    if (!RETRYABLE_WORKFLOW.has(run.header.status)) {
      throw new EngineError(`workflow ${id} is ${run.header.status}; only FAILED, TIMED_OUT or TERMINATED workflows can be retried`);
    }
    const decision = retryDecision(this.deciderInput(run));
    if (decision.tasks.length === 0 && run.header.status !== 'TIMED_OUT') {
      throw new EngineError(`workflow ${id} has no failed or cancelled tasks to retry; use restart to run it again`);
    }
    if (decision.tasks.length === 0) decision.workflow = { ...run.header, status: 'RUNNING', reasonForIncompletion: undefined, endTime: 0 };
    this.store.transaction(() => this.apply(run, decision));
    // A failed SUB_WORKFLOW task resumes its own child: retry the child from its failed task too.
    for (const t of decision.tasks) {
      if (t.workflowTask.type !== 'SUB_WORKFLOW' || t.status !== 'IN_PROGRESS' || t.subWorkflowId === undefined) continue;
      const child = this.store.workflowHeader(t.subWorkflowId);
      if (child && RETRYABLE_WORKFLOW.has(child.status)) {
        this.retryRun(child.workflowId, t.taskId);
      } else if (!child || child.status !== 'RUNNING') {
        const fresh: Task = { ...t, status: 'SCHEDULED', startTime: 0 };
        delete fresh.subWorkflowId;
        this.store.saveTasks([fresh]);
        run.put(fresh);
      }
    }
    this.log.info('workflow retried', { workflowId: id });
    this.drive(run);
  }

  restart(id: string): void {
    const run = this.load(id);
    if (!isTerminalWorkflowStatus(run.header.status)) throw new EngineError(`workflow ${id} is ${run.header.status}; only a finished workflow can be restarted`);
    const now = this.clock.now();
    const header: WorkflowHeader = { ...run.header, status: 'RUNNING', output: {}, variables: {}, failedReferenceTaskNames: [], startTime: now, endTime: 0, updateTime: now };
    delete header.reasonForIncompletion;
    this.store.transaction(() => {
      this.store.deleteTasks(id);
      this.store.saveWorkflow(header);
    });
    run.header = header;
    run.clearTasks();
    this.log.info('workflow restarted', { workflowId: id });
    this.drive(run);
  }

  resume(id: string): void {
    const header = this.runs.get(id)?.header ?? this.store.workflowHeader(id);
    if (!header) throw new EngineError(`no workflow '${id}'`);
    if (header.status === 'PAUSED') {
      const run = this.runs.get(id);
      const resumed: WorkflowHeader = { ...header, status: 'RUNNING', updateTime: this.clock.now() };
      this.store.saveWorkflow(resumed);
      if (run) {
        run.header = resumed;
        this.kick(run);
      } else {
        this.adopt(id);
      }
      return;
    }
    if (header.status !== 'RUNNING') throw new EngineError(`workflow ${id} is ${header.status}; only PAUSED or RUNNING workflows can be resumed`);
    this.adopt(id);
  }

  pause(id: string): void {
    const run = this.runs.get(id);
    const header = run?.header ?? this.store.workflowHeader(id);
    if (!header) throw new EngineError(`no workflow '${id}'`);
    if (header.status !== 'RUNNING') throw new EngineError(`workflow ${id} is ${header.status}; only a RUNNING workflow can be paused`);
    const paused: WorkflowHeader = { ...header, status: 'PAUSED', updateTime: this.clock.now() };
    this.store.saveWorkflow(paused);
    if (run) {
      run.header = paused;
      this.settle(run);
    }
  }

  terminate(id: string, reason?: string): void {
    const run = this.load(id);
    if (isTerminalWorkflowStatus(run.header.status)) throw new EngineError(`workflow ${id} is already ${run.header.status}`);
    const decision = terminateDecision(this.deciderInput(run), reason);
    this.store.transaction(() => this.apply(run, decision));
    this.log.info('workflow terminated', { workflowId: id });
    this.perform(run, decision.actions);
    this.settle(run);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watch);
    for (const controller of this.inflight.values()) controller.abort(new Error('engine closed'));
    for (const run of this.runs.values()) {
      clearTimeout(run.timer);
      for (const w of run.waiters) w.reject(new EngineError('engine closed'));
    }
    this.runs.clear();
    this.db.close();
  }

  // ---- driving ----------------------------------------------------------

  /** The run as recorded, in memory if this process drives it, else read from SQLite (not driven). */
  private load(id: string): ActiveRun {
    const active = this.runs.get(id);
    if (active) return active;
    const wf = this.store.workflow(id);
    if (!wf) throw new EngineError(`no workflow '${id}'`);
    return new ActiveRun(wf);
  }

  private drive(run: ActiveRun): void {
    this.runs.set(run.id, run);
    this.kick(run);
  }

  /**
   * Takes over a RUNNING workflow from SQLite. Tasks recorded IN_PROGRESS that
   * no worker of this process runs were orphaned by a dead process: they go
   * back to SCHEDULED (same taskId) and are dispatched again.
   */
  private adopt(id: string): ActiveRun {
    const active = this.runs.get(id);
    if (active) return active;
    const run = this.load(id);
    if (run.header.status !== 'RUNNING') {
      this.runs.set(id, run);
      return run;
    }
    const owner = liveOwner(run.tasks, this.inflight);
    if (owner !== undefined) {
      throw new EngineError(`workflow ${id} has tasks in progress in process ${owner}, which is still running`);
    }
    this.runs.set(id, run);
    const now = this.clock.now();
    const reset: Task[] = [];
    for (const t of run.tasks) {
      if (t.status !== 'IN_PROGRESS' || t.retried) continue;
      if (t.workflowTask.type === 'SIMPLE' && !this.inflight.has(t.taskId)) {
        const again: Task = { ...t, status: 'SCHEDULED', startTime: 0, scheduledTime: now, startDelayInSeconds: 0, updateTime: now };
        delete again.workerId;
        reset.push(again);
        this.log.info('rescheduling orphaned task', { workflowId: id, taskId: t.taskId, taskRef: t.referenceTaskName });
      } else if (t.workflowTask.type === 'SUB_WORKFLOW' && t.subWorkflowId !== undefined) {
        const child = this.store.workflowHeader(t.subWorkflowId);
        if (child?.status === 'RUNNING') this.adopt(child.workflowId);
        else if (child && isTerminalWorkflowStatus(child.status)) this.completeParentTask(child);
      }
    }
    if (reset.length > 0) {
      this.store.saveTasks(reset);
      for (const t of reset) run.put(t);
    }
    this.kick(run);
    return run;
  }

  private kick(run: ActiveRun): void {
    run.dirty = true;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    // setImmediate lets every worker that finished meanwhile land in the same transaction.
    setImmediate(() => this.flush());
  }

  private deciderInput(run: ActiveRun) {
    return { workflow: run.snapshot(), taskDefs: this.taskDefs, now: this.clock.now(), newId: randomUUID };
  }

  /** Records a decision in memory and in SQLite; call inside a transaction. */
  private apply(run: ActiveRun, decision: Decision): void {
    if (decision.tasks.length === 0 && !decision.workflow) return;
    for (const t of decision.tasks) run.put(t);
    run.header = { ...run.header, ...decision.workflow, updateTime: this.clock.now() };
    if (decision.workflow && decision.workflow.reasonForIncompletion === undefined) delete run.header.reasonForIncompletion;
    this.store.saveTasks(decision.tasks);
    this.store.saveWorkflow(run.header);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    const touched = new Set<ActiveRun>();
    const actions: [ActiveRun, DeciderAction[]][] = [];
    const failureRuns: ActiveRun[] = [];
    this.store.transaction(() => {
      for (const run of this.reloadChangedRuns()) touched.add(run);
      const now = this.clock.now();
      for (const c of this.completions.splice(0)) {
        const run = this.runs.get(c.workflowId);
        const t = run?.task(c.taskId);
        // A result for a task that already timed out or was cancelled is ignored, as Conductor does.
        if (!run || !t || isTerminalTaskStatus(t.status)) continue;
        const done: Task = { ...t, ...c.patch, endTime: now, updateTime: now };
        run.put(done);
        this.store.saveTasks([done]);
        run.dirty = true;
      }
      for (const run of this.runs.values()) {
        if (!run.dirty) continue;
        run.dirty = false;
        touched.add(run);
        if (run.header.status !== 'RUNNING') continue;
        const decision = decide(this.deciderInput(run));
        this.apply(run, decision);
        actions.push([run, decision.actions]);
        // Started in the same transaction as the failure, so a crash cannot lose it.
        const failureRun = this.startFailureWorkflow(run);
        if (failureRun) failureRuns.push(failureRun);
        clearTimeout(run.timer);
        run.timer = undefined;
        run.timerAt = undefined;
        if (decision.wakeAt !== undefined) this.wakeAt(run, decision.wakeAt);
      }
    });
    for (const [run, list] of actions) this.perform(run, list);
    for (const failureRun of failureRuns) this.drive(failureRun);
    this.pump();
    for (const run of touched) this.settle(run);
  }

  /**
   * Conductor's failure workflow: when a run whose definition names one ends
   * FAILED or TIMED_OUT, start it with the run's input plus workflowId,
   * reason, failureStatus, failureTaskId and failedWorkflow, and record its id
   * in the failed run's output under `conductor.failure_workflow`. Call inside
   * the transaction that recorded the failure.
   */
  private startFailureWorkflow(run: ActiveRun): ActiveRun | undefined {
    const { header } = run;
    const name = header.workflowDefinition.failureWorkflow;
    if (!name || (header.status !== 'FAILED' && header.status !== 'TIMED_OUT')) return undefined;
    if (header.output['conductor.failure_workflow'] !== undefined) return undefined;
    const def = this.store.workflowDef(name, undefined);
    if (!def) {
      run.header = { ...header, output: { ...header.output, 'conductor.failure_workflow': `Error workflow ${name} failed to start.  reason: no workflow definition '${name}'` } };
      this.store.saveWorkflow(run.header);
      return undefined;
    }
    const failedTask = [...run.tasks].reverse().find((t) => ['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT'].includes(t.status));
    const input: Record<string, unknown> = {
      ...header.input,
      workflowId: header.workflowId,
      reason: header.reasonForIncompletion ?? null,
      failureStatus: header.status,
      ...(failedTask ? { failureTaskId: failedTask.taskId } : {}),
      failedWorkflow: run.snapshot(),
    };
    const failure = this.newHeader(def, input, header.correlationId, undefined);
    this.store.saveWorkflow(failure);
    run.header = { ...header, output: { ...header.output, 'conductor.failure_workflow': failure.workflowId } };
    this.store.saveWorkflow(run.header);
    this.log.info('failure workflow started', { workflowId: failure.workflowId, failedWorkflowId: header.workflowId, name });
    return new ActiveRun({ ...failure, tasks: [] });
  }

  /** Makes sure the run is decided again by `at` (the decider then sees the timeout or the retry delay). */
  private wakeAt(run: ActiveRun, at: number): void {
    if (run.timerAt !== undefined && run.timerAt <= at) return;
    clearTimeout(run.timer);
    run.timerAt = at;
    run.timer = setTimeout(() => {
      run.timer = undefined;
      run.timerAt = undefined;
      this.kick(run);
    }, Math.max(0, at - this.clock.now()) + 1);
  }

  /**
   * Reloads every driven run whose recorded status another process changed
   * (terminated, paused, resumed) and aborts the workers of tasks it
   * cancelled. Call inside a transaction; returns the runs to settle.
   */
  private reloadChangedRuns(): ActiveRun[] {
    const changed: ActiveRun[] = [];
    for (const run of this.runs.values()) {
      const status = this.store.workflowStatus(run.id);
      if (status === undefined || status === run.header.status) continue;
      const wf = this.store.workflow(run.id);
      if (!wf) continue;
      const { tasks, ...header } = wf;
      run.header = header;
      run.clearTasks();
      for (const t of tasks) {
        run.put(t);
        if (isTerminalTaskStatus(t.status)) this.inflight.get(t.taskId)?.abort(new Error(`workflow ${header.status} by another process`));
      }
      this.log.info('workflow changed by another process', { workflowId: run.id, status: header.status });
      run.dirty = header.status === 'RUNNING';
      changed.push(run);
    }
    return changed;
  }

  private perform(run: ActiveRun, actions: readonly DeciderAction[]): void {
    for (const action of actions) {
      switch (action.kind) {
        case 'dispatch':
          this.enqueue(run, action.taskId);
          break;
        case 'startSubWorkflow':
          this.startChild(run, action.taskId);
          break;
        case 'cancel':
          this.cancelTask(run, action.taskId);
          break;
      }
    }
  }

  /** Tells waiters about the run; stops driving it once it is terminal or paused. */
  private settle(run: ActiveRun): void {
    const status = run.header.status;
    const watched = [...run.waiters].some((w) => w.onChange !== undefined);
    if (run.waiters.size > 0 && (watched || status !== 'RUNNING')) {
      const wf = run.snapshot();
      for (const w of run.waiters) {
        try {
          w.onChange?.(wf);
        } catch (error) {
          this.log.warn('onChange callback threw', { workflowId: run.id, error: errorMessage(error) });
        }
      }
      if (status !== 'RUNNING') {
        for (const w of run.waiters) w.resolve(wf);
        run.waiters.clear();
      }
    }
    if (isTerminalWorkflowStatus(status)) {
      clearTimeout(run.timer);
      this.runs.delete(run.id);
      this.log.info('workflow finished', { workflowId: run.id, status });
      if (run.header.parentWorkflowId !== undefined) this.completeParentTask(run.header);
    }
  }

  // ---- sub-workflows ----------------------------------------------------

  private startChild(parent: ActiveRun, taskId: string): void {
    const t = parent.task(taskId);
    if (!t || t.status !== 'SCHEDULED') return;
    const param = t.workflowTask.subWorkflowParam;
    const def = param ? this.store.workflowDef(param.name, param.version) : undefined;
    if (!param || !def) {
      this.complete(parent.id, taskId, {
        status: 'FAILED_WITH_TERMINAL_ERROR',
        reasonForIncompletion: `no workflow definition '${param?.name ?? '?'}'${param?.version === undefined ? '' : ` version ${param.version}`}`,
      });
      return;
    }
    // As Conductor: the child's input is `workflowInput` when the task has one, else the task's input.
    const workflowInput = t.inputData['workflowInput'];
    const childInput = isPlainObject(workflowInput) && Object.keys(workflowInput).length > 0 ? workflowInput : t.inputData;
    const child = this.newHeader(def, childInput, parent.header.correlationId, { workflowId: parent.id, taskId });
    const now = this.clock.now();
    const started: Task = { ...t, status: 'IN_PROGRESS', subWorkflowId: child.workflowId, outputData: { subWorkflowId: child.workflowId }, startTime: now, updateTime: now };
    this.store.transaction(() => {
      this.store.saveWorkflow(child);
      this.store.saveTasks([started]);
    });
    parent.put(started);
    this.drive(new ActiveRun({ ...child, tasks: [] }));
  }

  /** Reports a finished child workflow to its parent's SUB_WORKFLOW task. */
  private completeParentTask(child: WorkflowHeader): void {
    if (child.parentWorkflowId === undefined || child.parentWorkflowTaskId === undefined) return;
    const parent = this.runs.get(child.parentWorkflowId);
    if (!parent) return;
    // The task waiting on this child: the one recorded, or its retry after a workflow retry.
    const waiting = parent.tasks.find((t) => t.subWorkflowId === child.workflowId && t.status === 'IN_PROGRESS');
    const taskId = waiting?.taskId ?? child.parentWorkflowTaskId;
    // Conductor's mapping of the child's status onto the SUB_WORKFLOW task.
    const status = TASK_STATUS_FOR_CHILD[child.status] ?? 'FAILED';
    const outputData = { subWorkflowId: child.workflowId, ...child.output };
    const patch: Partial<Task> =
      status === 'COMPLETED'
        ? { status, outputData }
        : { status, outputData, reasonForIncompletion: `Sub workflow ${child.workflowName}.${child.workflowId} failure reason: ${child.reasonForIncompletion ?? ''}` };
    this.complete(child.parentWorkflowId, taskId, patch);
  }

  private cancelTask(run: ActiveRun, taskId: string): void {
    this.inflight.get(taskId)?.abort(new Error('task cancelled'));
    const t = run.task(taskId);
    if (t?.workflowTask.type === 'SUB_WORKFLOW' && t.subWorkflowId !== undefined) {
      const child = this.runs.get(t.subWorkflowId)?.header ?? this.store.workflowHeader(t.subWorkflowId);
      if (child && !isTerminalWorkflowStatus(child.status)) this.terminate(child.workflowId, `parent workflow ${run.id} cancelled task ${t.referenceTaskName}`);
    }
  }

  // ---- workers ----------------------------------------------------------

  private complete(workflowId: string, taskId: string, patch: Partial<Task>): void {
    this.completions.push({ workflowId, taskId, patch });
    this.scheduleFlush();
  }

  private enqueue(run: ActiveRun, taskId: string): void {
    const t = run.task(taskId);
    if (!t || this.inflight.has(taskId)) return;
    const type = t.workflowTask.name;
    if (!this.queues.enqueue(type, run.id, taskId) && !this.warnedNoWorker.has(type)) {
      this.warnedNoWorker.add(type);
      this.log.warn('no worker registered for task type; the task stays SCHEDULED', { workflowId: run.id, taskRef: t.referenceTaskName });
    }
  }

  /** Starts queued tasks up to each worker's concurrency and the TaskDef's concurrentExecLimit. */
  private pump(): void {
    const now = this.clock.now();
    const started = this.queues.take(
      (type) => this.taskDefs.get(type)?.concurrentExecLimit,
      (workflowId, taskId): [ActiveRun, Task] | undefined => {
        const run = this.runs.get(workflowId);
        const t = run?.task(taskId);
        if (!run || !t || t.status !== 'SCHEDULED' || t.retried || run.header.status !== 'RUNNING') return undefined;
        const { responseTimeoutSeconds } = this.taskDefs.get(t.workflowTask.name) ?? defaultTaskDef(t.workflowTask.name);
        const inProgress: Task = { ...t, status: 'IN_PROGRESS', startTime: now, updateTime: now, workerId: this.workerId, pollCount: t.pollCount + 1, responseTimeoutSeconds };
        run.put(inProgress);
        return [run, inProgress];
      },
    );
    if (started.length === 0) return;
    // Recorded IN_PROGRESS before any worker starts, so a crash shows what was running.
    this.store.transaction(() => this.store.saveTasks(started.map((p) => p.value[1])));
    for (const { value: [run, t], worker, release } of started) {
      // The decider last saw this task SCHEDULED; wake it when the task's timeouts expire.
      const def = this.taskDefs.get(t.workflowTask.name) ?? defaultTaskDef(t.workflowTask.name);
      const limits = [def.timeoutSeconds, def.responseTimeoutSeconds].filter((s) => s > 0);
      if (limits.length > 0) this.wakeAt(run, now + Math.min(...limits) * 1000);
      const controller = startWorkerExecution(worker, t, { workerId: this.workerId, log: this.log }, (patch) => {
        this.inflight.delete(t.taskId);
        release();
        this.complete(run.id, t.taskId, patch);
      });
      this.inflight.set(t.taskId, controller);
    }
  }
}
