import { createHash } from 'node:crypto';
import type { Clock } from '../../runtime/clock.js';
import { systemClock } from '../../runtime/clock.js';
import { TaskFailure, terminalFailure } from '../../runtime/task-failure.js';
import type { RetryPolicy } from '../http-retry.js';
import { backoffDelayMs, defaultRetryPolicy, isRetryableStatus, retryAfterMs, sleep } from '../http-retry.js';
import { signWebhook } from './webhook-signature.js';

export const WebhookEvent = { transcriptCompleted: 'transcript.completed' } as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];

export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly event: WebhookEvent;
  /** Identifies what the event is about; with `event` it makes the stable `X-Webhook-Id`. */
  readonly transcriptId: string;
  readonly payload: unknown;
  readonly signal: AbortSignal;
  readonly clock?: Clock;
  readonly retry?: RetryPolicy;
  /** Per attempt. */
  readonly timeoutMs?: number;
}

export interface WebhookResult {
  readonly id: string;
  readonly status: number;
  readonly attempts: number;
}

/** The idempotency key receivers dedupe on: the same for every delivery of one event of one transcript. */
export function webhookId(event: WebhookEvent, transcriptId: string): string {
  return `whk_${createHash('sha256').update(`${event}\n${transcriptId}`).digest('hex').slice(0, 32)}`;
}

/**
 * POSTs a signed JSON event. Network errors, 408, 429 and 5xx are retried with
 * exponential backoff (delivery is at-least-once; receivers dedupe on
 * `X-Webhook-Id`); any other non-2xx answer is terminal.
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const clock = request.clock ?? systemClock;
  const policy = request.retry ?? defaultRetryPolicy;
  const id = webhookId(request.event, request.transcriptId);
  const body = JSON.stringify({ id, event: request.event, payload: request.payload });
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    request.signal.throwIfAborted();
    // A fresh timestamp per attempt, so a slow retry is not rejected by the receiver's tolerance window.
    const t = Math.floor(clock.now() / 1000);
    let waitMs: number | undefined;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-webhook-id': id,
          'x-webhook-event': request.event,
          'x-webhook-signature': signWebhook(request.secret, body, t),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs ?? 10_000)]),
      });
      const text = await response.text().catch(() => '');
      if (response.ok) return { id, status: response.status, attempts: attempt };
      const problem = `webhook receiver ${request.url} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      if (!isRetryableStatus(response.status)) throw terminalFailure(problem);
      lastProblem = problem;
      waitMs = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof TaskFailure || request.signal.aborted) throw error;
      lastProblem = `webhook receiver ${request.url} unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (attempt < policy.attempts) {
      await sleep(Math.min(policy.maxDelayMs, waitMs ?? backoffDelayMs(policy, attempt)), request.signal);
    }
  }
  throw new TaskFailure(`${lastProblem} (gave up after ${policy.attempts} attempts)`, { terminal: false });
}
