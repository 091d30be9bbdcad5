import type { RecognizedWord } from '../../domain/word.js';

// Tokens the decoder emits that are not speech: sentence markers, silence,
// noise classes ([NOISE], [SPEECH]) and ++FILLER++ / +NSN+ style fillers.
const NON_SPEECH = /^(<.*>|\[.*\]|\+.*\+)$/;
// cmudict marks alternate pronunciations as word(2), word(3), …
const ALTERNATE_PRONUNCIATION = /\(\d+\)$/;
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * Words from `pocketsphinx_continuous -time yes` stdout. Per utterance it
 * prints the hypothesis on one line, then one `token start end posterior`
 * line per segment (times in seconds from the start of the input); only
 * those four-field lines carry timings, everything else is skipped.
 */
export function parsePocketsphinxOutput(stdout: string): RecognizedWord[] {
  const words: RecognizedWord[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 4) continue;
    const [token = '', ...numbers] = fields;
    if (!numbers.every((field) => NUMBER.test(field))) continue;
    const [start = 0, end = 0, posterior = 0] = numbers.map(Number);
    const text = token.replace(ALTERNATE_PRONUNCIATION, '');
    if (text.length === 0 || NON_SPEECH.test(text)) continue;
    words.push({
      text,
      start: Math.max(0, start),
      end: Math.max(0, start, end),
      // A posterior, but printed through log-math rounding: 1.000100 happens.
      confidence: Math.min(1, Math.max(0, posterior)),
    });
  }
  return words.sort((a, b) => a.start - b.start);
}
