import type { Word } from './word.js';

/**
 * Puts every track's words on one timeline: sorted by start time; words that
 * start together keep their input order (track order, then position), so the
 * result is stable across runs.
 */
export function mergeWords(tracks: readonly (readonly Word[])[]): Word[] {
  return tracks.flat().sort((a, b) => a.start - b.start);
}
