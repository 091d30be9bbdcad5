import type { TaskDef, WorkflowDef } from './workflow-def-schema.js';
import { isTerminalTaskStatus, type Task, type TaskStatus, type Workflow, type WorkflowStatus } from './workflow-schema.js';

/** Strips DO_WHILE iteration suffixes (`ref__2` → `ref`), as Conductor does when resolving references. */
export function baseRef(ref: string): string {
  return ref.replace(/(__\d+)+$/, '');
}

/** The workflow-level fields a decision may change. */
export interface WorkflowChange {
  status: WorkflowStatus;
  output: Record<string, unknown>;
  variables: Record<string, unknown>;
  reasonForIncompletion: string | undefined;
  failedReferenceTaskNames: string[];
  endTime: number;
}

/** What the decider needs, all of it data: no I/O, no clock of its own. */
export interface DeciderInput {
  workflow: Workflow;
  taskDefs: ReadonlyMap<string, TaskDef>;
  now: number;
  newId: () => string;
}

/**
 * A copy-on-write view of one workflow while the decider works on it:
 * task records are replaced, never mutated, and every change is collected.
 */
export class DecisionDraft {
  readonly now: number;
  readonly def: WorkflowDef;
  readonly workflow: Workflow;
  readonly taskDefs: ReadonlyMap<string, TaskDef>;
  readonly newId: () => string;
  readonly header: WorkflowChange;
  headerChanged = false;
  /** Set when some branch is still running, so the workflow cannot complete yet. */
  pending = false;
  wakeAt: number | undefined;
  readonly tasks: Task[];
  readonly changed = new Map<string, Task>();
  readonly original = new Map<string, TaskStatus>();
  private readonly byRef = new Map<string, Task>();
  private readonly byBase = new Map<string, Task>();
  private readonly index = new Map<string, number>();
  private nextSeq: number;

  constructor(input: DeciderInput) {
    this.now = input.now;
    this.workflow = input.workflow;
    this.def = input.workflow.workflowDefinition;
    this.taskDefs = input.taskDefs;
    this.newId = input.newId;
    this.tasks = [...input.workflow.tasks];
    this.nextSeq = 1;
    this.tasks.forEach((t, i) => {
      this.index.set(t.taskId, i);
      this.original.set(t.taskId, t.status);
      this.remember(t);
      this.nextSeq = Math.max(this.nextSeq, t.seq + 1);
    });
    const wf = input.workflow;
    this.header = {
      status: wf.status,
      output: wf.output,
      variables: wf.variables,
      reasonForIncompletion: wf.reasonForIncompletion,
      failedReferenceTaskNames: wf.failedReferenceTaskNames,
      endTime: wf.endTime,
    };
  }

  private remember(t: Task): void {
    const prev = this.byRef.get(t.referenceTaskName);
    if (!prev || prev.seq <= t.seq) this.byRef.set(t.referenceTaskName, t);
    const base = baseRef(t.referenceTaskName);
    const prevBase = this.byBase.get(base);
    if (!prevBase || prevBase.seq <= t.seq) this.byBase.set(base, t);
  }

  /** The latest attempt of the task with exactly this reference name. */
  latest(ref: string): Task | undefined {
    return this.byRef.get(ref);
  }

  /** The latest task for a reference as expressions see it (any loop iteration). */
  latestForExpression(ref: string): Task | undefined {
    return this.byRef.get(ref) ?? this.byBase.get(baseRef(ref));
  }

  /** Allocates the next task sequence number. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Adds a new task record. */
  add(task: Task): Task {
    this.index.set(task.taskId, this.tasks.length);
    this.tasks.push(task);
    this.changed.set(task.taskId, task);
    this.remember(task);
    return task;
  }

  /** Replaces a task record with a patched copy and returns the copy. */
  update(task: Task, patch: Partial<Task>): Task {
    const next: Task = { ...task, ...patch, updateTime: this.now };
    const i = this.index.get(task.taskId);
    if (i === undefined) throw new Error(`task ${task.taskId} is not part of workflow ${this.workflow.workflowId}`);
    this.tasks[i] = next;
    this.changed.set(next.taskId, next);
    if (this.byRef.get(next.referenceTaskName)?.taskId === next.taskId) this.byRef.set(next.referenceTaskName, next);
    const base = baseRef(next.referenceTaskName);
    if (this.byBase.get(base)?.taskId === next.taskId) this.byBase.set(base, next);
    return next;
  }

  /** True once something set the workflow output explicitly (TERMINATE's workflowOutput). */
  outputSet = false;

  /** Sets workflow-level fields. */
  setHeader(patch: Partial<WorkflowChange>): void {
    Object.assign(this.header, patch);
    if ('output' in patch) this.outputSet = true;
    this.headerChanged = true;
  }

  /** Asks to be called again at `at` (a retry delay or a timeout expiring). */
  wakeUpAt(at: number): void {
    if (this.wakeAt === undefined || at < this.wakeAt) this.wakeAt = at;
  }

  get ended(): boolean {
    return this.header.status !== 'RUNNING';
  }

  /**
   * Ends the workflow and cancels every task still scheduled or running, as
   * Conductor does; failedReferenceTaskNames lists every task that FAILED on
   * the way (retried attempts included), as Conductor's does.
   */
  end(status: WorkflowStatus, reason: string | undefined, patch: Partial<WorkflowChange> = {}): void {
    for (const t of [...this.tasks]) {
      if (!isTerminalTaskStatus(t.status)) this.update(t, { status: 'CANCELED', endTime: this.now });
    }
    const failed = new Set<string>();
    for (const t of [...this.tasks].sort((a, b) => a.seq - b.seq)) {
      if (t.status === 'FAILED' || t.status === 'FAILED_WITH_TERMINAL_ERROR') failed.add(t.referenceTaskName);
    }
    this.setHeader({ status, reasonForIncompletion: reason, endTime: this.now, failedReferenceTaskNames: [...failed], ...patch });
  }
}
