import type { KeyPhrase } from './keyword-rank.js';
import { titleCase } from './text-tokens.js';

/** Used when a stretch of talk has no content words at all (only fillers, or nothing recognised). */
export const fallbackTopicTitle = 'General discussion';

/**
 * A short title from key phrases: the best phrase, and when that is a single
 * word, the next best word that is not part of it ("Budget and Hiring").
 */
export function topicTitle(phrases: readonly KeyPhrase[]): string {
  const best = phrases[0];
  if (best === undefined) return fallbackTopicTitle;
  if (best.words.length > 1) return titleCase(best.words);
  const second = phrases.find((p) => p.words.length === 1 && p.words[0] !== best.words[0] && p.score >= best.score * 0.5);
  return second === undefined ? titleCase(best.words) : `${titleCase(best.words)} and ${titleCase(second.words)}`;
}
