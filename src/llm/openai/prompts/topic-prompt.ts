import type { ChatMessage } from '../chat-message.js';
import { systemPrompt } from './system-prompt.js';

/** Title and summary of one stretch of the meeting. */
export function topicPrompt(input: { participants: readonly string[]; transcript: string }): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt() },
    {
      role: 'user',
      content: `Participants: ${input.participants.join(', ')}

Transcript excerpt:
${input.transcript}

What is this part of the meeting about? Reply as {"title": string, "summary": string}:
- title: a short noun phrase of 2 to 6 words naming the subject, capitalised like a heading.
- summary: 1 or 2 sentences saying who said or proposed what, by name (e.g. "Alice proposed moving the launch to March; Bob agreed.").`,
    },
  ];
}
