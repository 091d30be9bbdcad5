import { z } from 'zod';
import { TaskFailure, terminalFailure } from '../../runtime/task-failure.js';
import type { RetryPolicy } from '../http-retry.js';
import { backoffDelayMs, defaultRetryPolicy, isRetryableStatus, retryAfterMs, sleep } from '../http-retry.js';

export interface ZulipAccount {
  readonly url: string;
  readonly email: string;
  readonly apiKey: string;
}

const ZulipAnswerSchema = z.union([
  z.object({ result: z.literal('success'), id: z.number().int().optional() }),
  z.object({ result: z.literal('error'), msg: z.string(), code: z.string().optional() }),
]);

/** Zulip answered `result: "error"`; `code` is Zulip's machine-readable reason when it gives one. */
export class ZulipApiError extends TaskFailure {
  readonly code: string | undefined;
  readonly zulipMessage: string;

  constructor(message: string, zulipMessage: string, code: string | undefined) {
    super(message, { terminal: true });
    this.zulipMessage = zulipMessage;
    this.code = code;
  }
}

/** What a call needs besides its own arguments. */
export interface ZulipCallOptions {
  readonly signal: AbortSignal;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
}

/** Posts a stream message; returns its id. */
export async function postStreamMessage(
  account: ZulipAccount,
  message: { stream: string; topic: string; content: string },
  options: ZulipCallOptions,
): Promise<number> {
  const form = new URLSearchParams({ type: 'stream', to: message.stream, topic: message.topic, content: message.content });
  const answer = await call(account, 'POST', '/api/v1/messages', form, options);
  if (answer.id === undefined) throw new TaskFailure('Zulip accepted the message but returned no id', { terminal: false });
  return answer.id;
}

/** Replaces the content of a message this account sent. */
export async function editMessage(account: ZulipAccount, id: number, content: string, options: ZulipCallOptions): Promise<void> {
  await call(account, 'PATCH', `/api/v1/messages/${id}`, new URLSearchParams({ content }), options);
}

async function call(
  account: ZulipAccount,
  method: 'POST' | 'PATCH',
  path: string,
  form: URLSearchParams,
  options: ZulipCallOptions,
): Promise<{ id?: number | undefined }> {
  const policy = options.retry ?? defaultRetryPolicy;
  const url = new URL(path, account.url.endsWith('/') ? account.url : `${account.url}/`).toString();
  const auth = `Basic ${Buffer.from(`${account.email}:${account.apiKey}`).toString('base64')}`;
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    options.signal.throwIfAborted();
    let waitMs: number | undefined;
    try {
      const response = await fetch(url, {
        method,
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 15_000)]),
      });
      const text = await response.text();
      if (isRetryableStatus(response.status)) {
        lastProblem = `Zulip ${method} ${path} answered ${response.status}`;
        waitMs = retryAfterMs(response.headers.get('retry-after'));
      } else {
        const parsed = ZulipAnswerSchema.safeParse(safeJson(text));
        if (!parsed.success) {
          throw terminalFailure(`Zulip ${method} ${path} answered ${response.status} with an unexpected body: ${text.slice(0, 200)}`);
        }
        if (parsed.data.result === 'error') {
          throw new ZulipApiError(`Zulip refused ${method} ${path} (${response.status}): ${parsed.data.msg}`, parsed.data.msg, parsed.data.code);
        }
        return parsed.data;
      }
    } catch (error) {
      if (error instanceof TaskFailure || options.signal.aborted) throw error;
      lastProblem = `Zulip at ${account.url} unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (attempt < policy.attempts) {
      await sleep(Math.min(policy.maxDelayMs, waitMs ?? backoffDelayMs(policy, attempt)), options.signal);
    }
  }
  throw new TaskFailure(`${lastProblem} (gave up after ${policy.attempts} attempts)`, { terminal: false });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
