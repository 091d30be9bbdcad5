import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../runtime/logger.js';
import type { ConductorClient } from './conductor-client.js';
import { ConductorRequestError } from './conductor-error.js';
import type { TaskResult } from './conductor-schemas.js';

/**
 * Sends a TaskResult, retrying transient failures for a while: a lost update
 * leaves the task IN_PROGRESS until its responseTimeoutSeconds, so it is
 * worth a few seconds of trying. Never throws; returns whether it got through.
 */
export async function reportTaskResult(
  client: ConductorClient,
  result: TaskResult,
  log: Logger,
  attempts = 5,
): Promise<boolean> {
  let delay = 250;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // Own timeout, not the host's stop signal: hand-backs are sent after that signal fires.
      await client.updateTask(result, { signal: AbortSignal.timeout(10_000) });
      return true;
    } catch (error) {
      const transient = error instanceof ConductorRequestError && error.transient;
      log.warn('task update failed', {
        taskId: result.taskId,
        status: result.status,
        attempt,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!transient || attempt === attempts) return false;
      await sleep(delay);
      delay = Math.min(delay * 2, 4000);
    }
  }
  return false;
}
