import { isContentWord } from './text-tokens.js';

/** Word scores for one stretch of text, plus the phrases built from them. */
export interface KeywordRanking {
  /** Score per content word; words absent here carry no weight. */
  readonly scores: ReadonlyMap<string, number>;
  /** Key phrases (1–3 adjacent content words), best first. */
  readonly phrases: readonly KeyPhrase[];
}

export interface KeyPhrase {
  readonly words: readonly string[];
  readonly count: number;
  readonly score: number;
}

const window = 3;
const damping = 0.85;
const iterations = 40;

/**
 * TextRank (Mihalcea & Tarau, 2004) over content words: a word is important
 * when it co-occurs with important words. Each utterance is its own run, so
 * no edge crosses from one speaker's turn to the next. Scores are multiplied
 * by log frequency so a misrecognised word heard once rarely wins.
 */
export function rankKeywords(utterances: readonly (readonly string[])[], names: ReadonlySet<string>): KeywordRanking {
  const edges = new Map<string, Map<string, number>>();
  const frequency = new Map<string, number>();
  for (const tokens of utterances) {
    const content = tokens.filter((t) => isContentWord(t, names));
    content.forEach((word, i) => {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      if (!edges.has(word)) edges.set(word, new Map());
      for (let j = i + 1; j < Math.min(content.length, i + window); j++) {
        const other = content[j];
        if (other === undefined || other === word) continue;
        link(edges, word, other);
        link(edges, other, word);
      }
    });
  }
  // Sorted nodes and fixed iterations: the same text always gives the same scores.
  const nodes = [...edges.keys()].sort();
  let rank = new Map(nodes.map((n) => [n, 1]));
  for (let k = 0; k < iterations; k++) {
    const next = new Map<string, number>();
    for (const node of nodes) {
      let sum = 0;
      for (const [neighbour, weight] of edges.get(node) ?? []) {
        sum += (weight / outWeight(edges, neighbour)) * (rank.get(neighbour) ?? 0);
      }
      next.set(node, 1 - damping + damping * sum);
    }
    rank = next;
  }
  const scores = new Map(nodes.map((n) => [n, (rank.get(n) ?? 0) * Math.log(1 + (frequency.get(n) ?? 0))]));
  return { scores, phrases: keyPhrases(utterances, names, scores) };
}

function link(edges: Map<string, Map<string, number>>, from: string, to: string): void {
  const out = edges.get(from) ?? new Map<string, number>();
  out.set(to, (out.get(to) ?? 0) + 1);
  edges.set(from, out);
}

function outWeight(edges: Map<string, Map<string, number>>, node: string): number {
  let total = 0;
  for (const w of edges.get(node)?.values() ?? []) total += w;
  return total || 1;
}

// Runs of adjacent content words in the original text are candidate phrases.
// A multi-word phrase has to be said at least twice to beat its best word:
// said once, it is as likely a recognition accident as a name for the topic.
function keyPhrases(
  utterances: readonly (readonly string[])[],
  names: ReadonlySet<string>,
  scores: ReadonlyMap<string, number>,
): KeyPhrase[] {
  const counts = new Map<string, number>();
  for (const tokens of utterances) {
    let run: string[] = [];
    const flush = () => {
      for (let size = 1; size <= Math.min(3, run.length); size++) {
        for (let i = 0; i + size <= run.length; i++) {
          const key = run.slice(i, i + size).join(' ');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      run = [];
    };
    for (const token of tokens) {
      if (isContentWord(token, names)) run.push(token);
      else flush();
    }
    flush();
  }
  const phrases: KeyPhrase[] = [];
  for (const [key, count] of counts) {
    const words = key.split(' ');
    if (new Set(words).size < words.length) continue;
    const wordScores = words.map((w) => scores.get(w) ?? 0);
    const score = words.length === 1 || count >= 2 ? wordScores.reduce((a, b) => a + b, 0) : Math.max(...wordScores) * 0.9;
    phrases.push({ words, count, score });
  }
  return phrases.sort((a, b) => b.score - a.score || a.words.join(' ').localeCompare(b.words.join(' ')));
}
