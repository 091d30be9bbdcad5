import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecognizedWord } from '../../domain/word.js';
import { silentLogger, type Logger } from '../../runtime/logger.js';
import { TaskFailure, terminalFailure } from '../../runtime/task-failure.js';
import type { Transcriber, TranscriberCapabilities } from '../transcriber.js';
import { readWavClipFormat, requireTranscriberClip } from '../wav-clip-format.js';
import { serverErrorText, VerboseTranscriptionSchema, wordsFromTranscription } from './openai-transcription-response.js';
import { isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry-backoff.js';

/** Where and how to reach an OpenAI-compatible speech-to-text server. */
export interface OpenAiTranscriberOptions {
  /** Base URL including the API version, as in OpenAI SDKs: `https://api.openai.com/v1`, `http://localhost:8000/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** ISO-639-1 code; left out, the server detects the language. */
  readonly language?: string;
  /** Limit for one attempt, from sending the request to reading the whole answer. */
  readonly timeoutMs?: number;
  readonly maxConcurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: Logger;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, initialDelayMs: 500, maxDelayMs: 20_000 };

/** Recognises clips with any server that implements OpenAI's `POST /audio/transcriptions` with word timestamps. */
export class OpenAiTranscriber implements Transcriber {
  readonly name = 'openai';
  readonly capabilities: TranscriberCapabilities;
  readonly #url: string;
  readonly #options: OpenAiTranscriberOptions;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #logger: Logger;

  constructor(options: OpenAiTranscriberOptions) {
    // A remote server does the work; how many requests it takes at once is its operator's call.
    this.capabilities = { maxConcurrency: options.maxConcurrency ?? 4 };
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#logger = options.logger ?? silentLogger;
  }

  /** Words in the clip with times in seconds from its start; throws TaskFailure naming the clip. */
  async transcribe(wavPath: string, options: { signal: AbortSignal }): Promise<RecognizedWord[]> {
    requireTranscriberClip(wavPath, await readWavClipFormat(wavPath));
    // Clips are speech regions of seconds to minutes: a few MB at most, fine to hold while retrying.
    const file = new Blob([await readFile(wavPath)], { type: 'audio/wav' });
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(wavPath, file, options.signal);
      if (outcome.kind === 'done') return outcome.words;
      if (attempt >= this.#retry.maxAttempts) {
        throw new TaskFailure(`clip ${wavPath}: ${outcome.reason} (gave up after ${attempt} attempts)`, { terminal: false, cause: outcome.cause });
      }
      const delay = retryDelayMs(this.#retry, attempt, outcome.retryAfter);
      this.#logger.warn('transcription request failed; retrying', { clip: wavPath, attempt, delayMs: delay, reason: outcome.reason });
      await sleep(delay, undefined, { signal: options.signal }).catch((error: unknown) => {
        throw options.signal.aborted ? options.signal.reason : error;
      });
    }
  }

  async #attempt(wavPath: string, file: Blob, signal: AbortSignal): Promise<AttemptOutcome> {
    const form = new FormData();
    form.append('file', file, basename(wavPath));
    form.append('model', this.#options.model);
    form.append('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'word');
    if (this.#options.language !== undefined) form.append('language', this.#options.language);
    const headers: Record<string, string> = this.#options.apiKey === undefined ? {} : { authorization: `Bearer ${this.#options.apiKey}` };
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let status: number;
    let body: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(this.#url, { method: 'POST', body: form, headers, signal: AbortSignal.any([signal, timeout]) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason = timeout.aborted
        ? `${this.#url} did not answer within ${this.#timeoutMs} ms`
        : `cannot reach ${this.#url}: ${describeNetworkError(error)}`;
      return { kind: 'retry', reason, retryAfter: null, cause: error };
    }
    if (status < 200 || status >= 300) {
      const reason = `${this.#url} answered HTTP ${status}: ${serverErrorText(body)}`;
      if (isRetryableStatus(status)) return { kind: 'retry', reason, retryAfter };
      throw terminalFailure(`clip ${wavPath}: ${reason}`);
    }
    return { kind: 'done', words: this.#parse(wavPath, body) };
  }

  #parse(wavPath: string, body: string): RecognizedWord[] {
    // A 200 with the wrong shape means the server speaks another protocol (or
    // ignores response_format): the same request will get the same answer.
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw terminalFailure(`clip ${wavPath}: ${this.#url} returned invalid JSON: ${serverErrorText(body)}`, error);
    }
    const parsed = VerboseTranscriptionSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw terminalFailure(`clip ${wavPath}: ${this.#url} returned an unexpected transcription shape: ${issues}`);
    }
    const result = wordsFromTranscription(parsed.data);
    if (result.kind === 'text-without-timings') {
      throw terminalFailure(
        `clip ${wavPath}: ${this.#url} returned text but no word timings; the server must support timestamp_granularities[]=word with response_format=verbose_json`,
      );
    }
    return result.words;
  }
}

type AttemptOutcome =
  | { readonly kind: 'done'; readonly words: RecognizedWord[] }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfter: string | null; readonly cause?: unknown };

// fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
