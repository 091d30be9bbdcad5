import { z } from 'zod';
import { EventType } from '../store/transcript-store.js';
import { readJsonBlob } from './blob-json.js';
import { TopicListSchema } from './merge-topics.js';
import { defineTask } from './task-definition.js';
import { loadTranscriptText } from './transcript-text.js';

/** A one-paragraph summary and a markdown long summary; the long one is stored, not passed on. */
export const generateSummary = defineTask({
  name: 'generate_summary',
  description: 'Short and long summaries of the meeting',
  input: z.object({ transcriptId: z.string().min(1), segmentsKey: z.string().min(1), topicsKey: z.string().min(1) }),
  output: z.object({ shortSummary: z.string().min(1), longSummaryChars: z.number().int().positive() }),
  async run({ transcriptId, segmentsKey, topicsKey }, ctx) {
    const text = await loadTranscriptText(ctx, transcriptId, segmentsKey);
    const topics = await readJsonBlob(ctx.blobs, topicsKey, TopicListSchema);
    const { short, long } = await ctx.summarizer.summary(text, topics, { signal: ctx.signal });
    if (!short.trim() || !long.trim()) throw new Error(`${ctx.summarizer.name} summarizer returned an empty summary`);
    await ctx.store.upsertTranscript(transcriptId, { shortSummary: short, longSummary: long });
    await ctx.store.appendEvent(transcriptId, EventType.FINAL_SHORT_SUMMARY, { shortSummary: short }, 'final-short-summary');
    await ctx.store.appendEvent(transcriptId, EventType.FINAL_LONG_SUMMARY, { longSummary: long }, 'final-long-summary');
    return { shortSummary: short, longSummaryChars: long.length };
  },
});
