import { stopWords } from './stop-words.js';

/**
 * Recogniser text as lowercase word tokens. Pocketsphinx marks alternate
 * pronunciations as `word(2)`; those marks and stray punctuation go.
 */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\(\d+\)/g, '')
    .replace(/[’`]/g, "'")
    .split(/[^a-z0-9']+/)
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter((t) => t.length > 0);
}

/** True for a word that can carry meaning in a title or keyword list. */
export function isContentWord(token: string, names: ReadonlySet<string>): boolean {
  return token.length >= 3 && !stopWords.has(token) && !names.has(token) && !/^\d+$/.test(token) && !token.includes("'");
}

/** Recogniser text as a reader expects it: standalone "i" capitalised, first letter upper case. */
export function asProse(tokens: readonly string[]): string {
  const text = tokens.map((t) => (t === 'i' || t.startsWith("i'") ? `I${t.slice(1)}` : t)).join(' ');
  return capitalize(text);
}

/** First letter upper case. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

/** Every word capitalised, for titles. */
export function titleCase(words: readonly string[]): string {
  return words.map(capitalize).join(' ');
}
