import { z } from 'zod';

/** One recognised word on the meeting timeline; times in seconds. */
export const WordSchema = z.object({
  text: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  speaker: z.number().int().nonnegative(),
});
export type Word = z.infer<typeof WordSchema>;

/** A word as a recogniser returns it: times from the start of the clip it heard. */
export const RecognizedWordSchema = z.object({
  text: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  confidence: z.number().min(0).max(1).optional(),
});
export type RecognizedWord = z.infer<typeof RecognizedWordSchema>;
