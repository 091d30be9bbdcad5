import { fillerWords } from './stop-words.js';

/** One speaker turn, tokenised, with its place in the transcript. */
export interface Utterance {
  readonly index: number;
  readonly speaker: number;
  readonly start: number;
  readonly tokens: readonly string[];
}

// Turns shorter than this are back-channel ("yeah sounds good") and never quoted.
const minQuotableTokens = 5;

/** How much of what matters in this stretch a turn says: summed keyword scores over its distinct words, damped by length. */
export function centrality(tokens: readonly string[], scores: ReadonlyMap<string, number>): number {
  if (tokens.length < minQuotableTokens) return 0;
  let sum = 0;
  for (const word of new Set(tokens)) sum += scores.get(word) ?? 0;
  return sum / Math.sqrt(Math.max(8, tokens.length));
}

/** The `count` most central turns, in the order they were said. */
export function centralUtterances(
  utterances: readonly Utterance[],
  scores: ReadonlyMap<string, number>,
  count: number,
): Utterance[] {
  return utterances
    .map((u) => ({ u, score: centrality(u.tokens, scores) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.u.index - b.u.index)
    .slice(0, count)
    .map((x) => x.u)
    .sort((a, b) => a.index - b.index);
}

/**
 * The part of a long turn worth quoting: the window of at most `maxWords`
 * with the most keyword weight, without fillers at either edge.
 */
export function excerpt(tokens: readonly string[], scores: ReadonlyMap<string, number>, maxWords: number): string[] {
  let bestStart = 0;
  let bestScore = -1;
  for (let start = 0; start + Math.min(maxWords, tokens.length) <= tokens.length; start++) {
    let score = 0;
    for (const t of tokens.slice(start, start + maxWords)) score += scores.get(t) ?? 0;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const window = tokens.slice(bestStart, bestStart + maxWords);
  let from = 0;
  let to = window.length;
  while (from < to && isEdgeFiller(window[from])) from++;
  while (to > from && isEdgeFiller(window[to - 1])) to--;
  const trimmed = window.slice(from, to);
  return trimmed.length >= 3 ? trimmed : [...window];
}

// Fillers are trimmed only where they add nothing; "we" and "i" start real clauses.
function isEdgeFiller(token: string | undefined): boolean {
  return token !== undefined && fillerWords.has(token) && !['we', 'i', 'you', 'the', 'it'].includes(token);
}
