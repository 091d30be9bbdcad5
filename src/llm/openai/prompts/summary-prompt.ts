import type { ChatMessage } from '../chat-message.js';
import { systemPrompt } from './system-prompt.js';

/** Short and long summaries from the transcript itself or, for long meetings, from notes on its parts. */
export function summaryPrompt(input: {
  participants: readonly string[];
  topics: readonly { title: string; summary: string }[];
  material: string;
  materialKind: 'transcript' | 'notes';
}): ChatMessage[] {
  const topics = input.topics.map((t, i) => `${i + 1}. ${t.title}: ${t.summary}`).join('\n') || '(none detected)';
  const heading = input.materialKind === 'transcript' ? 'Transcript' : 'Notes taken on each part of the meeting, in order';
  return [
    { role: 'system', content: systemPrompt() },
    {
      role: 'user',
      content: `Participants: ${input.participants.join(', ')}

Topics, in order:
${topics}

${heading}:
${input.material}

Summarise the meeting. Reply as {"short": string, "long": string}:
- short: one paragraph of 2 to 5 sentences: what the meeting was about, what was decided, who will do what.
- long: markdown with a "## <topic title>" section per topic above, each with bullet points of the key statements and who made them ("- **Alice**: ...").`,
    },
  ];
}
