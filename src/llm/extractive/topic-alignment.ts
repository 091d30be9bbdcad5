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

  // best[i][k]: best total for turns 0..i with turn i in topic k; every topic gets at least one turn.
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i++) {
    best.push(new Array<number>(m).fill(-Infinity));
    from.push(new Array<number>(m).fill(0));
    for (let k = 0; k < m; k++) {
      if (k > i || m - k > n - i) continue;
      if (i === 0) {
        best[0]![0] = score(0, 0);
        continue;
      }
      const stay = best[i - 1]![k]!;
      const advance = k > 0 ? best[i - 1]![k - 1]! : -Infinity;
      best[i]![k] = Math.max(stay, advance) + score(i, k);
      from[i]![k] = stay >= advance ? k : k - 1;
    }
  }
  const groups: Utterance[][] = topicWords.map(() => []);
  let k = m - 1;
  for (let i = n - 1; i >= 0; i--) {
    groups[k]!.unshift(utterances[i]!);
    k = from[i]![k]!;
  }
  return groups;
}
