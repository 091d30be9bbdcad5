import { z } from 'zod';

/** A stretch of a track that holds speech; seconds from the track's own start. */
export const SpeechRegionSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
});
export type SpeechRegion = z.infer<typeof SpeechRegionSchema>;
