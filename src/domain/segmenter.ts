import type { Segment } from './segment.js';
import type { Word } from './word.js';

export interface SegmentOptions {
  /** A silence longer than this (seconds) within one speaker's speech starts a new segment. */
  maxPause: number;
  /** A segment longer than this (seconds) is cut at the next word, to keep captions readable. */
  maxDuration: number;
}

export const defaultSegmentOptions: SegmentOptions = { maxPause: 1.0, maxDuration: 20 };

const sentenceEnd = /[.?!…]["')\]]?$/;

/**
 * Groups words into readable segments, one speaker each. Each speaker keeps an
 * open segment that is closed at a sentence end, a long pause or a maximum
 * length, so when two people talk over each other both stay readable instead
 * of interleaving word by word. Segments come out ordered by start time.
 */
export function buildSegments(words: readonly Word[], options: SegmentOptions = defaultSegmentOptions): Segment[] {
  const done: Segment[] = [];
  const open = new Map<number, { segment: Segment; lastText: string }>();
  for (const word of [...words].sort((a, b) => a.start - b.start)) {
    const current = open.get(word.speaker);
    const cut =
      current !== undefined &&
      (sentenceEnd.test(current.lastText) ||
        word.start - current.segment.end > options.maxPause ||
        word.end - current.segment.start > options.maxDuration);
    if (current && !cut) {
      current.segment.text += ` ${word.text}`;
      current.segment.end = Math.max(current.segment.end, word.end);
      current.lastText = word.text;
      continue;
    }
    if (current) done.push(current.segment);
    open.set(word.speaker, {
      segment: { speaker: word.speaker, start: word.start, end: word.end, text: word.text },
      lastText: word.text,
    });
  }
  done.push(...[...open.values()].map((o) => o.segment));
  return done.sort((a, b) => a.start - b.start || a.speaker - b.speaker);
}
