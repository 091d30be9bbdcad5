import { z } from 'zod';
import { EventType, TranscriptStatus } from '../store/transcript-store.js';
import { blobKeys } from './blob-keys.js';
import { writeJsonBlob } from './blob-json.js';
import { defineTask } from './task-definition.js';
import { buildTranscriptDocument } from './transcript-document.js';

/** Marks the transcript ended and writes the whole `transcript.json` document. */
export const finalize = defineTask({
  name: 'finalize',
  description: 'Mark the transcript ended and write transcript.json',
  input: z.object({
    transcriptId: z.string().min(1),
    title: z.string().min(1),
    waveformKey: z.string().min(1),
  }),
  output: z.object({
    transcriptKey: z.string(),
    wordCount: z.number().int().positive(),
    topicCount: z.number().int().positive(),
  }),
  async run({ transcriptId }, ctx) {
    await ctx.store.upsertTranscript(transcriptId, { status: TranscriptStatus.ended, error: null });
    const document = await buildTranscriptDocument(ctx.store, ctx.blobs, transcriptId);
    const transcriptKey = blobKeys.transcript(transcriptId);
    await writeJsonBlob(ctx.blobs, transcriptKey, document);
    await ctx.store.appendEvent(transcriptId, EventType.STATUS, { status: 'ended' }, `status:ended:${ctx.execution.workflowId}`);
    return { transcriptKey, wordCount: document.words.length, topicCount: document.topics.length };
  },
});
