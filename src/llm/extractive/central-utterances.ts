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

// Unpunctuated speech still has audible clause edges: these words tend to start a new one.
const clauseOpeners = new Set(['so', 'and', 'but', 'then', 'okay', 'ok', 'yeah', 'because', 'well', 'right', 'thanks', 'great', 'anyway', 'also']);

/**
 * The part of a turn worth quoting: the window of at most `maxWords` with the
 * most keyword weight, preferring windows that start and end at clause edges
 * (as far as unpunctuated speech shows them), without fillers at either edge.
 */
export function excerpt(tokens: readonly string[], scores: ReadonlyMap<string, number>, maxWords: number): string[] {
  const isEdge = (i: number) => i === 0 || i === tokens.length || clauseOpeners.has(tokens[i] ?? '');
  const prefix = [0];
  tokens.forEach((t, i) => prefix.push((prefix[i] ?? 0) + (scores.get(t) ?? 0)));
  let best: [number, number] = [0, Math.min(maxWords, tokens.length)];
  let bestScore = -1;
  for (let from = 0; from < tokens.length; from++) {
    for (let to = from + 1; to <= Math.min(tokens.length, from + maxWords); to++) {
      // Cutting mid-clause costs a share of the weight, so a whole clause wins unless a cut one says much more.
      const score = ((prefix[to] ?? 0) - (prefix[from] ?? 0)) * (isEdge(from) ? 1 : 0.8) * (isEdge(to) ? 1 : 0.9);
      if (score > bestScore) [best, bestScore] = [[from, to], score];
    }
  }
  const window = tokens.slice(best[0], best[1]);
  let from = 0;
  let to = window.length;
  while (from < to && leadingFillers.has(window[from] ?? '')) from++;
  while (to > from && trailingFillers.has(window[to - 1] ?? '')) to--;
  const trimmed = window.slice(from, to);
  return trimmed.length >= 3 ? trimmed : [...window];
}

// Fillers are trimmed only where they add nothing: "to recap" keeps its "to", a quote does not end on "the".
const leadingFillers: ReadonlySet<string> = new Set([
  'yeah', 'yes', 'so', 'um', 'uh', 'uhm', 'umm', 'okay', 'ok', 'well', 'and', 'but', 'oh', 'like', 'right', 'alright',
  'hmm', 'mhm', 'sure', 'anyway', 'also', 'actually', 'basically', 'then', 'now', 'just', 'great', 'good',
]);
const trailingFillers: ReadonlySet<string> = new Set([
  ...leadingFillers, 'the', 'a', 'an', 'to', 'of', 'or', 'that', 'with', 'for', 'is', 'in', 'on', 'at', 'be', 'was', 'are', 'by',
]);
