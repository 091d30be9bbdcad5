import type { SpeechRegion } from './speech-region.js';

/** Where one speech region sits in a file of concatenated regions; seconds. */
export interface SpeechPiece {
  /** Start of the piece in the concatenated file. */
  at: number;
  /** Start of the same audio on the track (meeting time for an aligned track). */
  trackStart: number;
  duration: number;
}

/**
 * Lays regions end to end with `gapSec` of silence between them, so one
 * recogniser run (one model load) hears every region of a track.
 */
export function layOutRegions(regions: readonly SpeechRegion[], gapSec: number): SpeechPiece[] {
  const pieces: SpeechPiece[] = [];
  let at = 0;
  for (const region of regions) {
    const duration = region.end - region.start;
    if (duration <= 0) continue;
    pieces.push({ at, trackStart: region.start, duration });
    at += duration + gapSec;
  }
  return pieces;
}

/**
 * Maps a time in the concatenated file back to the track. A time inside a
 * piece maps exactly; a time in a gap (a word the recogniser stretched over
 * the silence) is pinned to the nearest piece edge.
 */
export function toTrackTime(pieces: readonly SpeechPiece[], t: number): number {
  let best: SpeechPiece | undefined;
  for (const piece of pieces) {
    if (piece.at > t) break;
    best = piece;
  }
  if (!best) return pieces[0]?.trackStart ?? t;
  return best.trackStart + Math.min(t - best.at, best.duration);
}

/** Splits regions into batches of at most `maxSpeechSec` of speech each (a region is never split). */
export function batchRegions(regions: readonly SpeechRegion[], maxSpeechSec: number): SpeechRegion[][] {
  const batches: SpeechRegion[][] = [];
  let current: SpeechRegion[] = [];
  let total = 0;
  for (const region of regions) {
    const duration = region.end - region.start;
    if (current.length > 0 && total + duration > maxSpeechSec) {
      batches.push(current);
      current = [];
      total = 0;
    }
    current.push(region);
    total += duration;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
