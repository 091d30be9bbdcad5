import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../runtime/logger.js';
import { isTerminal } from '../runtime/task-failure.js';
import type { TaskExecution, Worker } from '../runtime/worker.js';
import type { ConductorClient } from './conductor-client.js';
import type { ConductorTask, TaskResult } from './conductor-schemas.js';
import { reportTaskResult } from './task-reporter.js';

/** The output key every runtime adds: which `host:pid:version` did the task. */
export const WORKER_OUTPUT_KEY = '_worker';

/** Reason recorded on tasks given back because their process is stopping. */
export const SHUTDOWN_REASON = 'worker shutting down';

export interface TaskPollerOptions {
  readonly client: ConductorClient;
  readonly worker: Worker;
  readonly workerId: string;
  readonly logger: Logger;
  /** Server-side wait when the queue is empty; also bounds how long draining waits for the last poll. */
  readonly pollTimeoutMs: number;
  /** Aborted when the host gives up waiting (grace over): cancels polls and calls still pending. */
  readonly hardStop: AbortSignal;
  readonly domain?: string;
}

interface InFlight {
  readonly task: ConductorTask;
  readonly controller: AbortController;
  /** Set once the task was failed back at shutdown, so the worker's late result is dropped. */
  handedBack: boolean;
}

/**
 * One poll loop for one task type: batch-polls up to the worker's free
 * concurrency, runs each task, and reports its result. `drain()` stops
 * polling; `handBack()` fails still-running tasks back to Conductor.
 */
export class TaskPoller {
  readonly #o: TaskPollerOptions;
  readonly #inFlight = new Map<string, InFlight>();
  #draining = false;
  #wake: () => void = () => {};
  #changed: Promise<void> = this.#nextChange();

  constructor(options: TaskPollerOptions) {
    this.#o = options;
  }

  /** Tasks currently executing. */
  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  /** Polls until drained; resolves when the loop has ended (running tasks may remain). */
  async run(): Promise<void> {
    const { client, worker, workerId, logger, hardStop } = this.#o;
    let backoff = 250;
    while (!this.#draining && !hardStop.aborted) {
      const free = worker.concurrency - this.#inFlight.size;
      if (free <= 0) {
        await this.#changed;
        continue;
      }
      let tasks: ConductorTask[];
      try {
        // Not aborted by drain(): a poll cancelled client-side may already have
        // been handed tasks by the server, which would then sit IN_PROGRESS
        // until their response timeout. Only the hard stop cancels it.
        tasks = await client.pollBatch(
          worker.taskType,
          { workerId, count: free, timeoutMs: this.#o.pollTimeoutMs, ...(this.#o.domain ? { domain: this.#o.domain } : {}) },
          { signal: hardStop },
        );
        backoff = 250;
      } catch (error) {
        if (hardStop.aborted) break;
        logger.warn('poll failed; backing off', {
          taskType: worker.taskType,
          retryInMs: backoff,
          error: error instanceof Error ? error.message : String(error),
        });
        await Promise.race([sleep(backoff), this.#changed]);
        backoff = Math.min(backoff * 2, 5000);
        continue;
      }
      for (const task of tasks) {
        if (this.#draining || hardStop.aborted) await this.#release(task);
        else this.#execute(task);
      }
    }
  }

  /** Stops polling after the poll in progress returns. */
  drain(): void {
    this.#draining = true;
    this.#wake();
  }

  /** Resolves when no task is executing, or when `signal` aborts. */
  async idle(signal: AbortSignal): Promise<void> {
    const aborted = new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    while (this.#inFlight.size > 0 && !signal.aborted) await Promise.race([this.#changed, aborted]);
  }

  /** Aborts every task still executing and reports it FAILED (retryable) so Conductor reschedules it now. */
  async handBack(): Promise<void> {
    const pending = [...this.#inFlight.values()];
    await Promise.all(
      pending.map(async (entry) => {
        entry.handedBack = true;
        entry.controller.abort(new Error(SHUTDOWN_REASON));
        this.#o.logger.warn('handing back task at shutdown', { taskId: entry.task.taskId, taskType: entry.task.taskType });
        await reportTaskResult(
          this.#o.client,
          this.#result(entry.task, 'FAILED', { [WORKER_OUTPUT_KEY]: this.#o.workerId }, SHUTDOWN_REASON),
          this.#o.logger,
          2,
        );
        this.#inFlight.delete(entry.task.taskId);
      }),
    );
    this.#wake();
  }

  /**
   * A task polled while draining was never started: put it straight back in
   * the queue (IN_PROGRESS with callbackAfterSeconds 0) so another worker can
   * take it at once without spending one of its retries.
   */
  async #release(task: ConductorTask): Promise<void> {
    this.#o.logger.info('releasing task polled during shutdown', { taskId: task.taskId });
    await reportTaskResult(this.#o.client, { ...this.#result(task, 'IN_PROGRESS', {}), callbackAfterSeconds: 0 }, this.#o.logger, 2);
  }

  #execute(task: ConductorTask): void {
    const { worker, workerId, logger, client } = this.#o;
    const entry: InFlight = { task, controller: new AbortController(), handedBack: false };
    this.#inFlight.set(task.taskId, entry);
    const log = logger.child({ workflowId: task.workflowInstanceId, taskRef: task.referenceTaskName, taskId: task.taskId });
    const execution: TaskExecution = {
      workflowId: task.workflowInstanceId,
      taskId: task.taskId,
      referenceTaskName: task.referenceTaskName,
      retryCount: task.retryCount,
      workerId,
      signal: entry.controller.signal,
    };
    const run = async (): Promise<TaskResult> => {
      try {
        const output: unknown = await worker.execute(task.inputData, execution);
        if (typeof output !== 'object' || output === null || Array.isArray(output)) {
          return this.#result(task, 'FAILED_WITH_TERMINAL_ERROR', { [WORKER_OUTPUT_KEY]: workerId },
            `worker for ${task.taskType} returned ${Array.isArray(output) ? 'an array' : String(output)}, not an object`);
        }
        return this.#result(task, 'COMPLETED', { ...output, [WORKER_OUTPUT_KEY]: workerId });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = isTerminal(error) ? 'FAILED_WITH_TERMINAL_ERROR' : 'FAILED';
        log.warn('task failed', { status, error: message });
        return this.#result(task, status, { [WORKER_OUTPUT_KEY]: workerId }, message);
      }
    };
    void run()
      .then(async (result) => {
        if (entry.handedBack) return; // already reported FAILED at shutdown
        await reportTaskResult(client, result, log);
      })
      .finally(() => {
        if (!entry.handedBack) this.#inFlight.delete(task.taskId);
        this.#wake();
      });
  }

  #result(task: ConductorTask, status: TaskResult['status'], outputData: Record<string, unknown>, reason?: string): TaskResult {
    return {
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status,
      outputData,
      workerId: this.#o.workerId,
      ...(reason === undefined ? {} : { reasonForIncompletion: reason.slice(0, 500) }),
    };
  }

  #nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = () => {
        this.#changed = this.#nextChange();
        resolve();
      };
    });
  }
}
