import { z } from 'zod';

/** A run of one speaker's words, for reading; times in seconds. */
export const SegmentSchema = z.object({
  speaker: z.number().int().nonnegative(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;
