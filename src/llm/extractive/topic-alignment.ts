import type { Utterance } from './central-utterances.js';

/**
 * Which turns belong to which topic. The topics arrive as text only, in
 * meeting order, so the transcript is split into as many contiguous stretches
 * (dynamic programming), each matching its topic's words best, with a
 * gentle pull toward equal-length stretches for when words say little.
 */
export function alignToTopics(utterances: readonly Utterance[], topicWords: readonly ReadonlySet<string>[]): Utterance[][] {
  const n = utterances.length;
  const m = topicWords.length;
  if (m === 0) return [];
  if (n <= m) return topicWords.map((_, k) => (utterances[k] === undefined ? [] : [utterances[k]]));

  const totalTokens = utterances.reduce((s, u) => s + u.tokens.length, 0) || 1;
  let seen = 0;
  const expectedTopic = utterances.map((u) => {
    const middle = seen + u.tokens.length / 2;
    seen += u.tokens.length;
    return Math.min(m - 1, Math.floor((middle / totalTokens) * m));
  });
  const score = (i: number, k: number): number => {
    const u = utterances[i];
    const words = topicWords[k];
    if (u === undefined || words === undefined) return 0;
    const overlap = new Set(u.tokens.filter((t) => words.has(t))).size;
    return overlap / Math.sqrt(1 + u.tokens.length) + (expectedTopic[i] === k ? 0.3 : 0);
  };

  // best[i*m+k]: best total for turns 0..i with turn i in topic k; every topic gets at least one turn.
  const best = new Array<number>(n * m).fill(-Infinity);
  const from = new Array<number>(n * m).fill(0);
  const at = (i: number, k: number) => best[i * m + k] ?? -Infinity;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      if (k > i || m - k > n - i) continue;
      if (i === 0) {
        best[0] = score(0, 0);
        continue;
      }
      const stay = at(i - 1, k);
      const advance = k > 0 ? at(i - 1, k - 1) : -Infinity;
      best[i * m + k] = Math.max(stay, advance) + score(i, k);
      from[i * m + k] = stay >= advance ? k : k - 1;
    }
  }
  const groups: Utterance[][] = topicWords.map(() => []);
  let k = m - 1;
  for (let i = n - 1; i >= 0; i--) {
    const u = utterances[i];
    if (u !== undefined) groups[k]?.unshift(u);
    k = from[i * m + k] ?? 0;
  }
  return groups;
}
