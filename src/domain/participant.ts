import { z } from 'zod';

/** A person in the meeting; `speaker` is their index, the value words carry. */
export const ParticipantSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  speaker: z.number().int().nonnegative(),
  /** false: the participant did not consent to keeping audio. */
  consent: z.boolean().default(true),
});
export type Participant = z.infer<typeof ParticipantSchema>;
