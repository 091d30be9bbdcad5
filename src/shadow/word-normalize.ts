/** A word as compared: lower case, letters, digits and inner apostrophes only ("Fox," and "fox" are equal). */
export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, '')
    .replace(/^'+|'+$/g, '');
}
