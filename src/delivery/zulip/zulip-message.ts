/** What a Zulip post shows of a finished transcript. */
export interface ZulipTranscript {
  readonly title: string;
  readonly durationMs: number;
  readonly shortSummary: string;
  /** `timestamp` in seconds from the start of the meeting. */
  readonly topics: readonly { readonly title: string; readonly timestamp: number }[];
}

// Zulip rejects messages over 10,000 characters; leave room for the ellipsis.
const maxContentChars = 9_900;

/** The message body in Zulip markdown: title, duration, summary, topics with times. */
export function formatZulipMessage(transcript: ZulipTranscript): string {
  const lines = [
    `**${transcript.title}**`,
    `Duration: ${formatHms(transcript.durationMs / 1000)}`,
    '',
    transcript.shortSummary.trim(),
  ];
  if (transcript.topics.length > 0) {
    lines.push('', '**Topics**');
    for (const topic of transcript.topics) lines.push(`- \`${formatMmSs(topic.timestamp)}\` ${topic.title}`);
  }
  const content = lines.join('\n');
  return content.length > maxContentChars ? `${content.slice(0, maxContentChars)}…` : content;
}

/** h:mm:ss, e.g. 1:02:05. */
export function formatHms(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${h}:${pad(m)}:${pad(total % 60)}`;
}

/** mm:ss; minutes keep counting past an hour (75:10) so times stay sortable. */
export function formatMmSs(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
