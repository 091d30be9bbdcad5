/** How often and how patiently to retry a request that failed for a reason that may pass. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Statuses worth retrying: rate limiting, request timeout, and server-side errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1):
 * the server's Retry-After when it gives one, else exponential backoff with
 * full jitter so that parallel clips do not retry in lockstep; capped.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter: string | null, random = Math.random): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
