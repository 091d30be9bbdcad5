import { z } from 'zod';
import { ActionItemsSchema } from './action-items.js';
import { SegmentSchema } from './segment.js';
import { TopicSchema } from './topic.js';
import { WordSchema } from './word.js';

export const TranscriptParticipantSchema = z.object({
  id: z.string(),
  name: z.string(),
  speaker: z.number().int().nonnegative(),
});

/** `transcript.json`: everything a reader needs, times in seconds on the meeting timeline. */
export const TranscriptSchema = z.object({
  id: z.string(),
  status: z.enum(['ended', 'error']),
  durationMs: z.number().int().nonnegative(),
  title: z.string(),
  shortSummary: z.string(),
  longSummary: z.string(),
  participants: z.array(TranscriptParticipantSchema),
  words: z.array(WordSchema),
  segments: z.array(SegmentSchema),
  topics: z.array(TopicSchema),
  actionItems: ActionItemsSchema,
  audioDeleted: z.boolean(),
});
export type Transcript = z.infer<typeof TranscriptSchema>;
