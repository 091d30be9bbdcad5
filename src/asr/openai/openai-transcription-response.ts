import { z } from 'zod';
import type { RecognizedWord } from '../../domain/word.js';

const TimedWordSchema = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  probability: z.number().optional(),
});

/**
 * The parts of a `response_format=verbose_json` transcription we use. OpenAI
 * and faster-whisper-server put words at the top level; whisper.cpp's server
 * puts them inside each segment.
 */
export const VerboseTranscriptionSchema = z.object({
  text: z.string().optional(),
  words: z.array(TimedWordSchema).nullish(),
  segments: z
    .array(z.object({ text: z.string().optional(), words: z.array(TimedWordSchema).nullish() }))
    .nullish(),
});
export type VerboseTranscription = z.infer<typeof VerboseTranscriptionSchema>;

/** `{ "error": { "message": … } }`, as OpenAI and most compatible servers report failures. */
export const ErrorBodySchema = z.object({ error: z.union([z.object({ message: z.string() }), z.string()]) });

/** Outcome of reading a transcription: words, or text the server heard without word timings. */
export type TranscriptionWords =
  | { readonly kind: 'words'; readonly words: RecognizedWord[] }
  | { readonly kind: 'text-without-timings'; readonly text: string };

/** Words with clip-relative times; never invents timings for text that came without them. */
export function wordsFromTranscription(response: VerboseTranscription): TranscriptionWords {
  const timed = response.words ?? response.segments?.flatMap((segment) => segment.words ?? []) ?? [];
  const words = timed
    .map((w) => ({ text: w.word.trim(), start: Math.max(0, w.start), end: Math.max(0, w.start, w.end), probability: w.probability }))
    .filter((w) => w.text.length > 0)
    .map(({ probability, ...word }): RecognizedWord =>
      probability === undefined ? word : { ...word, confidence: Math.min(1, Math.max(0, probability)) },
    );
  if (words.length > 0) return { kind: 'words', words: words.sort((a, b) => a.start - b.start) };
  const text = (response.text ?? response.segments?.map((s) => s.text ?? '').join(' ') ?? '').trim();
  return text.length > 0 ? { kind: 'text-without-timings', text } : { kind: 'words', words: [] };
}

/** The server's own explanation from an error body, or the body itself, shortened. */
export function serverErrorText(body: string): string {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) return typeof parsed.data.error === 'string' ? parsed.data.error : parsed.data.error.message;
  } catch {
    // Not JSON: a proxy's HTML page or plain text; show it as it is.
  }
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat || '(empty body)';
}
