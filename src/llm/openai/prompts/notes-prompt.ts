import type { ChatMessage } from '../chat-message.js';
import { systemPrompt } from './system-prompt.js';

/** Key points of one part of a meeting too long to summarise in one request. */
export function notesPrompt(input: { participants: readonly string[]; transcript: string; part: number; parts: number }): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt() },
    {
      role: 'user',
      content: `Participants: ${input.participants.join(', ')}

Part ${input.part} of ${input.parts} of the meeting transcript:
${input.transcript}

List the key points of this part: what was discussed, proposed, decided and promised, each naming who said it.
Reply as {"notes": [string, ...]} with at most 12 notes, one sentence each.`,
    },
  ];
}
