/** One step of an alignment of word list B against word list A (the reference). */
export type AlignmentStep =
  | { readonly kind: 'match'; readonly a: number; readonly b: number }
  | { readonly kind: 'substitution'; readonly a: number; readonly b: number }
  | { readonly kind: 'deletion'; readonly a: number }
  | { readonly kind: 'insertion'; readonly b: number };

/** Past this many table cells (bytes) the two lists are too different to align in memory. */
const MAX_CELLS = 400_000_000;

const DIAGONAL = 0;
const UP = 1; // a word of A missing from B
const LEFT = 2; // a word of B not in A

/**
 * Aligns B against A by Levenshtein distance on the (already normalised)
 * words: every word of A and of B appears in exactly one step, in order. Ties
 * prefer a match or substitution, then a deletion, then an insertion, so the
 * same inputs always give the same steps. A shared prefix and suffix are
 * matched directly; only the differing middle needs the table.
 */
export function alignWords(a: readonly string[], b: readonly string[]): AlignmentStep[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const steps: AlignmentStep[] = [];
  for (let i = 0; i < prefix; i++) steps.push({ kind: 'match', a: i, b: i });
  steps.push(...alignMiddle(a, b, prefix, a.length - suffix, b.length - suffix));
  for (let k = suffix; k > 0; k--) steps.push({ kind: 'match', a: a.length - k, b: b.length - k });
  return steps;
}

function alignMiddle(a: readonly string[], b: readonly string[], from: number, aEnd: number, bEnd: number): AlignmentStep[] {
  const n = aEnd - from;
  const m = bEnd - from;
  const width = m + 1;
  if ((n + 1) * width > MAX_CELLS) {
    throw new Error(`cannot align ${n} against ${m} differing words in memory`);
  }
  const moves = new Uint8Array((n + 1) * width);
  let previous = new Uint32Array(width);
  let current = new Uint32Array(width);
  for (let j = 0; j <= m; j++) {
    previous[j] = j;
    moves[j] = LEFT;
  }
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    moves[i * width] = UP;
    for (let j = 1; j <= m; j++) {
      const diagonal = previous[j - 1]! + (a[from + i - 1] === b[from + j - 1] ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      let best = diagonal;
      let move = DIAGONAL;
      if (up < best) {
        best = up;
        move = UP;
      }
      if (left < best) {
        best = left;
        move = LEFT;
      }
      current[j] = best;
      moves[i * width + j] = move;
    }
    [previous, current] = [current, previous];
  }
  const reversed: AlignmentStep[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const move = moves[i * width + j];
    if (i > 0 && j > 0 && move === DIAGONAL) {
      const kind = a[from + i - 1] === b[from + j - 1] ? 'match' : 'substitution';
      reversed.push({ kind, a: from + i - 1, b: from + j - 1 });
      i--;
      j--;
    } else if (i > 0 && (j === 0 || move === UP)) {
      reversed.push({ kind: 'deletion', a: from + i - 1 });
      i--;
    } else {
      reversed.push({ kind: 'insertion', b: from + j - 1 });
      j--;
    }
  }
  return reversed.reverse();
}
