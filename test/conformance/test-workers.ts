import { setTimeout as sleep } from 'node:timers/promises';
import { terminalFailure } from '../../src/runtime/task-failure.js';
import type { Worker } from '../../src/runtime/worker.js';

/** Observations the tests make about worker executions. */
export interface WorkerProbe {
  /** Executions of `conf_sleep` running at the same time, at most. */
  maxConcurrentSleeps: number;
  /** Signals aborted while a `sleep` was running, by reference name. */
  aborted: string[];
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/**
 * The plain Worker objects the conformance workflows use. They keep no state
 * a Conductor poller could not hold, so a worker host can serve them as is.
 */
export function createTestWorkers(options: { sleepConcurrency?: number } = {}): { workers: Worker[]; probe: WorkerProbe } {
  const probe: WorkerProbe = { maxConcurrentSleeps: 0, aborted: [] };
  const workers: Worker[] = [
    { taskType: 'conf_echo', concurrency: 4, execute: async (input) => ({ ...input }) },
    { taskType: 'conf_add', concurrency: 4, execute: async (input) => ({ sum: num(input['a']) + num(input['b']) }) },
    {
      taskType: 'conf_flaky',
      concurrency: 4,
      // Fails the first `failTimes` attempts: the attempt number is the task's retryCount.
      execute: async (input, execution) => {
        if (execution.retryCount < num(input['failTimes'])) throw new Error(`flaky failure on attempt ${execution.retryCount}`);
        return { attempts: execution.retryCount + 1 };
      },
    },
    {
      taskType: 'conf_fail_terminal',
      concurrency: 4,
      execute: async (input) => {
        throw terminalFailure(`corrupt input: ${String(input['reason'] ?? 'unknown')}`);
      },
    },
    sleepWorker('conf_sleep', options.sleepConcurrency ?? 8),
    sleepWorker('conf_sleep_timeout', 4),
  ];
  return { workers, probe };

  function sleepWorker(taskType: string, concurrency: number): Worker {
    let sleeping = 0;
    return {
      taskType,
      concurrency,
      execute: async (input, execution) => {
        sleeping++;
        if (taskType === 'conf_sleep') probe.maxConcurrentSleeps = Math.max(probe.maxConcurrentSleeps, sleeping);
        try {
          await sleep(num(input['ms']), undefined, { signal: execution.signal });
        } catch (error) {
          probe.aborted.push(execution.referenceTaskName);
          throw error;
        } finally {
          sleeping--;
        }
        return { slept: num(input['ms']), tag: input['tag'] ?? null };
      },
    };
  }
}
