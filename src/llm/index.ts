export { createExtractiveSummarizer } from './extractive/index.js';
export { createSummarizer, parseLlmConfig } from './llm-config.js';
export type { LlmConfig } from './llm-config.js';
export { createOpenAiSummarizer } from './openai/index.js';
export type { OpenAiSummarizerOptions } from './openai/index.js';
export type { SpeakerNames, Summarizer, TopicText, TranscriptText } from './summarizer.js';
