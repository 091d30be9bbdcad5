import { z } from 'zod';

/** `participants.json` beside Daily raw tracks, shaped like Daily's participants API. */
export const DailyParticipantsSchema = z.array(
  z.object({
    participant_id: z.string().min(1),
    user_name: z.string().nullable().optional(),
    user_id: z.string().nullable().optional(),
  }),
);
export type DailyParticipants = z.infer<typeof DailyParticipantsSchema>;
