import { setTimeout as delay } from 'node:timers/promises';

/** How often and how patiently an HTTP call is retried. */
export interface RetryPolicy {
  /** Total attempts, the first one included. */
  readonly attempts: number;
  /** Delay before the second attempt; doubles each time up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The wait before attempt `n + 1` after `n` failed attempts (n ≥ 1). */
export function backoffDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
}

/** Waits, but gives up as soon as the caller aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal });
}

/** True for statuses where the same request may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Seconds from a Retry-After header, when it holds a number; dates are ignored. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
