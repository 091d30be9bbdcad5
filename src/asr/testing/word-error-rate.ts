/** Lower-case words without punctuation, so "Fox," and "fox" compare equal. */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** Word error rate: (substitutions + deletions + insertions) / reference length, by edit distance. */
export function wordErrorRate(reference: readonly string[], hypothesis: readonly string[]): number {
  if (reference.length === 0) return hypothesis.length === 0 ? 0 : 1;
  // One row of the Levenshtein table at a time: previous[j] = distance(ref[0..i), hyp[0..j)).
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const same = reference[i - 1] === hypothesis[j - 1];
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (same ? 0 : 1),
      );
    }
    previous = current;
  }
  return (previous[hypothesis.length] ?? 0) / reference.length;
}
