export { OpenAiTranscriber, type OpenAiTranscriberOptions } from './openai-transcriber.js';
export type { RetryPolicy } from './retry-backoff.js';
