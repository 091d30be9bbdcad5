import { clockTime } from '../time-format.js';
import type { Transcript } from '../transcript.js';
import { speakerName } from './speaker-name.js';

/** A readable document: title, summary, topics, action items, then the transcript. */
export function toMarkdown(transcript: Transcript): string {
  const out: string[] = [`# ${transcript.title || 'Meeting transcript'}`, ''];
  const names = transcript.participants.map((p) => p.name).join(', ');
  out.push(`Duration: ${clockTime(transcript.durationMs / 1000)} · Participants: ${names}`, '');
  if (transcript.shortSummary) out.push('## Summary', '', transcript.shortSummary, '');
  if (transcript.topics.length > 0) {
    out.push('## Topics', '');
    for (const t of transcript.topics) out.push(`- **[${clockTime(t.timestamp)}] ${t.title}**: ${t.summary}`);
    out.push('');
  }
  const { decisions, nextSteps } = transcript.actionItems;
  if (decisions.length > 0 || nextSteps.length > 0) {
    out.push('## Action items', '');
    for (const d of decisions) out.push(`- Decision: ${d}`);
    for (const n of nextSteps) {
      const owner = n.assignee ? ` (${n.assignee})` : '';
      const due = n.deadline ? `, ${n.deadline}` : '';
      out.push(`- [ ] ${n.task}${owner}${due}`);
    }
    out.push('');
  }
  out.push('## Transcript', '');
  for (const s of transcript.segments) {
    out.push(`**${speakerName(transcript, s.speaker)}** [${clockTime(s.start)}]: ${s.text}`, '');
  }
  return out.join('\n');
}
