/**
 * The contract between a runtime (the embedded engine, or the Conductor poller)
 * and the code that does a task's work. Runtimes know nothing about meetings:
 * they hand a worker JSON input and record the JSON it returns.
 */
export interface Worker {
  /** Conductor task type (the TaskDef name) this worker executes. */
  readonly taskType: string;
  /** Executions of this task type at once within one process. */
  readonly concurrency: number;
  execute(input: Record<string, unknown>, execution: TaskExecution): Promise<Record<string, unknown>>;
}

/** Facts about one execution, passed by the runtime to the worker. */
export interface TaskExecution {
  readonly workflowId: string;
  readonly taskId: string;
  readonly referenceTaskName: string;
  /** 0 on the first attempt, as Conductor's Task.retryCount. */
  readonly retryCount: number;
  /** `host:pid:version` of the process running the task. */
  readonly workerId: string;
  /** Aborted when the task is cancelled, timed out, or the process shuts down. */
  readonly signal: AbortSignal;
}
