import type { TranscriptText } from '../summarizer.js';

// A rough, model-independent estimate: English runs about four characters per token.
const charsPerToken = 4;

/** Approximate tokens in `text`, erring high. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken);
}

/** The transcript as the model reads it: one "[mm:ss] Name: text" line per segment. */
export function transcriptLines(transcript: TranscriptText): string[] {
  return transcript.segments
    .filter((s) => s.text.trim().length > 0)
    .map((s) => `[${clock(s.start)}] ${transcript.speakers[s.speaker] ?? `Speaker ${s.speaker + 1}`}: ${s.text.trim()}`);
}

/**
 * Groups lines into chunks of at most `maxTokens` each, keeping lines whole
 * unless one line alone is too long.
 */
export function chunkLines(lines: readonly string[], maxTokens: number): string[] {
  const maxChars = Math.max(200, maxTokens * charsPerToken);
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => split(l, maxChars))) {
    if (current.length > 0 && current.length + 1 + line.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current = current.length > 0 ? `${current}\n${line}` : line;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function split(line: string, maxChars: number): string[] {
  if (line.length <= maxChars) return [line];
  const parts: string[] = [];
  let part = '';
  for (const word of line.split(' ')) {
    if (part.length > 0 && part.length + 1 + word.length > maxChars) {
      parts.push(part);
      part = '';
    }
    part = part.length > 0 ? `${part} ${word}` : word.slice(0, maxChars);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
