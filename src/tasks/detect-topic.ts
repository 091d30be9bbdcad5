import { z } from 'zod';
import { TopicSchema } from '../domain/topic.js';
import { defineTask } from './task-definition.js';
import { loadTranscriptText } from './transcript-text.js';

/** Titles and summarises one ~300-word chunk of the meeting. */
export const detectTopic = defineTask({
  name: 'detect_topic',
  description: 'Title and summary of one chunk of segments',
  input: z.object({
    transcriptId: z.string().min(1),
    segmentsKey: z.string().min(1),
    chunk: z.number().int().nonnegative(),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
  }),
  output: z.object({ topic: TopicSchema }),
  async run({ transcriptId, segmentsKey, chunk, from, to }, ctx) {
    const text = await loadTranscriptText(ctx, transcriptId, segmentsKey, { from, to });
    const first = text.segments[0];
    if (!first) throw new Error(`topic chunk ${chunk}: segments ${from}-${to} are empty`);
    const end = Math.max(...text.segments.map((s) => s.end));
    const { title, summary } = await ctx.summarizer.topic(text, { signal: ctx.signal });
    return {
      topic: { id: `${transcriptId}-topic-${chunk}`, title, summary, timestamp: first.start, duration: end - first.start },
    };
  },
});
