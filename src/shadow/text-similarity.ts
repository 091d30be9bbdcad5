import { normalizeWord } from './word-normalize.js';

/** The distinct normalised words of a text. */
export function tokenSet(text: string): Set<string> {
  return new Set(text.split(/\s+/).map(normalizeWord).filter((w) => w.length > 0));
}

/**
 * Token-set Jaccard similarity, |A ∩ B| / |A ∪ B| over distinct normalised
 * words: 1 for texts with the same words in any order, 0 for no word in
 * common; two empty texts are 1.
 */
export function tokenJaccard(a: string, b: string): number {
  const sa = tokenSet(a);
  const sb = tokenSet(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const word of sa) if (sb.has(word)) shared++;
  return shared / (sa.size + sb.size - shared);
}
