import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../runtime/logger.js';
import { silentLogger } from '../runtime/logger.js';
import type { ConductorClient } from './conductor-client.js';

/** How long and how often to wait. */
export interface ReadinessOptions {
  /** Give up after this long (default 180 s: a cold server takes tens of seconds). */
  readonly timeoutMs?: number;
  /** First delay between attempts; doubles up to `maxDelayMs` (defaults 500 ms, 4 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** The server did not become ready in time; names the stage it was stuck at. */
export class ServerNotReadyError extends Error {
  override readonly name = 'ServerNotReadyError';
}

/**
 * Waits until Conductor answers `/health` and then a metadata call: `/health`
 * comes up as soon as HTTP does, before the persistence layer is usable, so
 * only a metadata read proves the server can take definitions and work.
 */
export async function waitForConductor(client: ConductorClient, options: ReadinessOptions = {}): Promise<void> {
  const log = options.logger ?? silentLogger;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const maxDelay = options.maxDelayMs ?? 4000;
  let delay = options.initialDelayMs ?? 500;
  let stage: 'health' | 'metadata' = 'health';
  let lastError = '';
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    // One attempt may not hang longer than a few seconds: a half-started JVM can accept and stall.
    const attemptTimeout = AbortSignal.timeout(5000);
    const call = { signal: options.signal ? AbortSignal.any([options.signal, attemptTimeout]) : attemptTimeout };
    try {
      if (stage === 'health') {
        const health = await client.health(call);
        if (!health.healthy) throw new Error('health reports unhealthy');
        stage = 'metadata';
      }
      await client.getTaskDef('polyphony-readiness-probe', call);
      log.info('conductor is ready', { url: client.baseUrl, attempts: attempt });
      return;
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      lastError = error instanceof Error ? error.message : String(error);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ServerNotReadyError(
        `Conductor at ${client.baseUrl} not ready after ${options.timeoutMs ?? 180_000} ms (waiting for ${stage}): ${lastError}`,
      );
    }
    log.info(`waiting for conductor ${stage}`, { url: client.baseUrl, attempt, retryInMs: delay, lastError });
    await sleep(Math.min(delay, left), undefined, options.signal ? { signal: options.signal } : {});
    delay = Math.min(delay * 2, maxDelay);
  }
}
