import type { WorkflowHeader } from './engine-store.js';
import type { Task, Workflow } from './workflow-schema.js';

/** Someone waiting in `runUntilDone` for a workflow to stop. */
export interface RunWaiter {
  resolve(wf: Workflow): void;
  reject(error: unknown): void;
  onChange: ((wf: Workflow) => void) | undefined;
}

/**
 * The in-memory copy of one workflow this process is driving. It mirrors
 * what is committed in SQLite (written through after every decision); task
 * records are replaced, never mutated, so snapshots can share them.
 */
export class ActiveRun {
  header: WorkflowHeader;
  tasks: Task[];
  private readonly index = new Map<string, number>();
  readonly waiters = new Set<RunWaiter>();
  dirty = true;
  timer: NodeJS.Timeout | undefined;
  timerAt: number | undefined;

  constructor(wf: Workflow) {
    const { tasks, ...header } = wf;
    this.header = header;
    this.tasks = [];
    for (const t of tasks) this.put(t);
  }

  get id(): string {
    return this.header.workflowId;
  }

  task(taskId: string): Task | undefined {
    const i = this.index.get(taskId);
    return i === undefined ? undefined : this.tasks[i];
  }

  /** Adds or replaces a task record. */
  put(task: Task): void {
    const i = this.index.get(task.taskId);
    if (i === undefined) {
      this.index.set(task.taskId, this.tasks.length);
      this.tasks.push(task);
    } else {
      this.tasks[i] = task;
    }
  }

  /** Drops every task (restart). */
  clearTasks(): void {
    this.tasks = [];
    this.index.clear();
  }

  /** The workflow as the API returns it; the task list is a copy, the records are shared. */
  snapshot(): Workflow {
    return { ...this.header, tasks: [...this.tasks] };
  }
}
