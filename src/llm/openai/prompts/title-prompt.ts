import type { ChatMessage } from '../chat-message.js';
import { systemPrompt } from './system-prompt.js';

/** A meeting title from its topics. */
export function titlePrompt(input: { topics: readonly { title: string; summary: string }[] }): ChatMessage[] {
  const topics = input.topics.map((t, i) => `${i + 1}. ${t.title}: ${t.summary}`).join('\n');
  return [
    { role: 'system', content: systemPrompt() },
    {
      role: 'user',
      content: `The meeting covered these topics, in order:
${topics}

Give the meeting a title of at most 8 words that a participant would recognise. Reply as {"title": string}.`,
    },
  ];
}
