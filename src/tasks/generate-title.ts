import { z } from 'zod';
import { EventType } from '../store/transcript-store.js';
import { readJsonBlob } from './blob-json.js';
import { TopicListSchema } from './merge-topics.js';
import { defineTask } from './task-definition.js';

/** A short meeting title from its topics. */
export const generateTitle = defineTask({
  name: 'generate_title',
  description: 'Meeting title from its topics',
  input: z.object({ transcriptId: z.string().min(1), topicsKey: z.string().min(1) }),
  output: z.object({ title: z.string().min(1) }),
  async run({ transcriptId, topicsKey }, ctx) {
    const topics = await readJsonBlob(ctx.blobs, topicsKey, TopicListSchema);
    const title = (await ctx.summarizer.title(topics, { signal: ctx.signal })).trim();
    if (!title) throw new Error(`${ctx.summarizer.name} summarizer returned an empty title`);
    await ctx.store.upsertTranscript(transcriptId, { title });
    await ctx.store.appendEvent(transcriptId, EventType.FINAL_TITLE, { title }, 'final-title');
    return { title };
  },
});
