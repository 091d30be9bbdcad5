export { chatCompletionsUrl, createChatClient } from './chat-client.js';
export type { ChatClient, ChatClientOptions, ChatRetryPolicy } from './chat-client.js';
export type { ChatMessage } from './chat-message.js';
export { createOpenAiSummarizer } from './openai-summarizer.js';
export type { OpenAiSummarizerOptions } from './openai-summarizer.js';
