import { z } from 'zod';
import { EventType, TranscriptStatus } from '../store/transcript-store.js';
import { defineTask } from './task-definition.js';

/**
 * Runs as the pipeline's failure workflow: records `status: error` and the
 * reason on the transcript, so a failed run is visible where results are read.
 */
export const markFailed = defineTask({
  name: 'mark_failed',
  description: 'Record a failed pipeline run on its transcript',
  input: z.object({
    transcriptId: z.string().min(1),
    workflowId: z.string().min(1),
    reason: z.string().nullable().optional(),
  }),
  output: z.object({ status: z.literal('error') }),
  async run({ transcriptId, workflowId, reason }, ctx) {
    const error = reason ?? 'the pipeline failed';
    await ctx.store.upsertTranscript(transcriptId, { status: TranscriptStatus.error, error, workflowId });
    await ctx.store.appendEvent(transcriptId, EventType.STATUS, { status: 'error', error }, `status:error:${workflowId}`);
    return { status: 'error' as const };
  },
});
