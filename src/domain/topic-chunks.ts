import type { Segment } from './segment.js';

/** A half-open range of segment indexes `[from, to)` summarised as one topic. */
export interface SegmentRange {
  from: number;
  to: number;
}

/**
 * Cuts the transcript into chunks of about `targetWords` words at segment
 * boundaries, so no sentence is split between topics. A short tail (under a
 * third of the target) joins the chunk before it.
 */
export function chunkSegments(segments: readonly Segment[], targetWords = 300): SegmentRange[] {
  const chunks: SegmentRange[] = [];
  let from = 0;
  let words = 0;
  segments.forEach((segment, i) => {
    words += segment.text.split(/\s+/).filter(Boolean).length;
    if (words >= targetWords) {
      chunks.push({ from, to: i + 1 });
      from = i + 1;
      words = 0;
    }
  });
  if (from < segments.length) {
    const last = chunks.at(-1);
    if (last && words < targetWords / 3) last.to = segments.length;
    else chunks.push({ from, to: segments.length });
  }
  return chunks;
}
