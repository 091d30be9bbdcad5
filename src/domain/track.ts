import { z } from 'zod';

/** One audio file of one participant, placed on the meeting timeline. */
export const TrackSchema = z.object({
  /** Index of the track in the recording, stable across runs. */
  index: z.number().int().nonnegative(),
  /** Absolute path of the source audio file. */
  path: z.string().min(1),
  participantId: z.string().min(1),
  /** Where the track starts on the meeting timeline, in milliseconds. */
  offsetMs: z.number().int().nonnegative(),
});
export type Track = z.infer<typeof TrackSchema>;
