import type { ChatMessage } from '../chat-message.js';
import { systemPrompt } from './system-prompt.js';

/** Decisions and next steps in (part of) a meeting. */
export function actionItemsPrompt(input: { participants: readonly string[]; transcript: string }): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt() },
    {
      role: 'user',
      content: `Participants (assignees must be spelled exactly like this): ${input.participants.map((p) => JSON.stringify(p)).join(', ')}

Transcript:
${input.transcript}

List the decisions the group made and the next steps someone took on.
Reply as {"decisions": [string], "nextSteps": [{"task": string, "assignee": string | null, "deadline": string | null}]}:
- decisions: one sentence each, only what was actually decided or agreed.
- task: an imperative ("Send the launch checklist to the team").
- assignee: the participant who took it on or was asked to do it and accepted; null when nobody did.
- deadline: as it was said ("by Friday", "next week"), or null.
Use empty lists when there are none.`,
    },
  ];
}
