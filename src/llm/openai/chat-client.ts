import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { TaskFailure, terminalFailure } from '../../runtime/task-failure.js';
import type { ChatMessage } from './chat-message.js';

/** How often and how patiently a chat request is retried on 429, 5xx, timeouts and network errors. */
export interface ChatRetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface ChatClientOptions {
  /** Base URL of the API ("http://localhost:11434/v1") or the full chat completions URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly temperature: number;
  /** Per request, retries not included. */
  readonly timeoutMs: number;
  readonly retry?: ChatRetryPolicy;
  /** Ask for `response_format: json_object`; turned off by itself when the server rejects it. */
  readonly jsonResponseFormat?: boolean;
}

export interface ChatClient {
  readonly model: string;
  /** The assistant's text answer to `messages`. */
  complete(messages: readonly ChatMessage[], options: { signal: AbortSignal }): Promise<string>;
}

const ChatCompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const defaultRetry: ChatRetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** The chat completions URL for a base URL with or without `/v1`. */
export function chatCompletionsUrl(url: string): string {
  const base = url.replace(/\/+$/, '');
  if (base.endsWith('/chat/completions')) return base;
  return base.endsWith('/v1') ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

/** A client for any OpenAI-compatible `/v1/chat/completions` endpoint (OpenAI, Ollama, vLLM, llama.cpp). */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const endpoint = chatCompletionsUrl(options.url);
  const retry = options.retry ?? defaultRetry;
  // Per client, not per module: one server's lack of JSON mode says nothing about another's.
  let jsonMode = options.jsonResponseFormat ?? true;

  async function attempt(messages: readonly ChatMessage[], signal: AbortSignal): Promise<{ content?: string; retryable?: string; retryAfterMs?: number }> {
    const body = {
      model: options.model,
      messages,
      temperature: options.temperature,
      ...(jsonMode ? { response_format: { type: 'json_object' } } : {}),
    };
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { retryable: timedOut ? `no answer within ${options.timeoutMs} ms` : `unreachable: ${describe(error)}` };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 429 || response.status >= 500) {
      const seconds = Number(response.headers.get('retry-after'));
      return {
        retryable: `answered ${response.status}: ${text.slice(0, 200)}`,
        ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
      };
    }
    if (response.status === 400 && jsonMode && /response_format|json_object/i.test(text)) {
      jsonMode = false;
      return { retryable: 'rejected response_format; asking again without it', retryAfterMs: 0 };
    }
    if (!response.ok) {
      throw terminalFailure(`chat model ${options.model} at ${endpoint} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const parsed = ChatCompletionSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      return { retryable: `answered with an unexpected body: ${text.slice(0, 200)}` };
    }
    return { content: parsed.data.choices[0]?.message.content ?? '' };
  }

  return {
    model: options.model,
    async complete(messages, { signal }) {
      let problem = '';
      for (let n = 1; n <= retry.attempts; n++) {
        signal.throwIfAborted();
        const result = await attempt(messages, signal);
        if (result.content !== undefined) return result.content;
        problem = result.retryable ?? 'failed';
        if (n < retry.attempts) {
          const wait = result.retryAfterMs ?? retry.baseDelayMs * 2 ** (n - 1);
          await delay(Math.min(retry.maxDelayMs, wait), undefined, { signal });
        }
      }
      throw new TaskFailure(`chat model ${options.model} at ${endpoint} ${problem} (gave up after ${retry.attempts} attempts)`, { terminal: false });
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
