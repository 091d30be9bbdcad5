import { z } from 'zod';

/** A stretch of the meeting about one thing; timestamp and duration in seconds. */
export const TopicSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string(),
  timestamp: z.number().nonnegative(),
  duration: z.number().nonnegative(),
});
export type Topic = z.infer<typeof TopicSchema>;
