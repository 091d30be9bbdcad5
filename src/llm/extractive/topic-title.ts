import type { KeyPhrase } from './keyword-rank.js';
import { titleCase } from './text-tokens.js';

/** Used when a stretch of talk has no content words at all (only fillers, or nothing recognised). */
export const fallbackTopicTitle = 'General discussion';

/**
 * A short title from key phrases: the best phrase, joined by the next best
 * phrase that shares no word with it when that one is nearly as strong
 * ("Budget Draft and Release Notes", "Budget and Hiring").
 */
export function topicTitle(phrases: readonly KeyPhrase[]): string {
  const best = phrases[0];
  if (best === undefined) return fallbackTopicTitle;
  const threshold = best.words.length === 1 ? 0.5 : 0.6;
  const second = phrases.find(
    (p) => p.words.every((w) => !best.words.includes(w)) && p.score >= best.score * threshold && p.words.length <= 2,
  );
  if (second === undefined || best.words.length > 2) return titleCase(best.words);
  return `${titleCase(best.words)} and ${titleCase(second.words)}`;
}
