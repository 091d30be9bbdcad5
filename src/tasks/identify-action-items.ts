import { z } from 'zod';
import { EventType } from '../store/transcript-store.js';
import { defineTask } from './task-definition.js';
import { loadTranscriptText } from './transcript-text.js';

/** Decisions and next steps, each next step owned by the participant who took it. */
export const identifyActionItems = defineTask({
  name: 'identify_action_items',
  description: 'Decisions and next steps with owners',
  input: z.object({ transcriptId: z.string().min(1), segmentsKey: z.string().min(1) }),
  output: z.object({ decisionCount: z.number().int().nonnegative(), nextStepCount: z.number().int().nonnegative() }),
  async run({ transcriptId, segmentsKey }, ctx) {
    const text = await loadTranscriptText(ctx, transcriptId, segmentsKey);
    const actionItems = await ctx.summarizer.actionItems(text, { signal: ctx.signal });
    await ctx.store.upsertTranscript(transcriptId, { actionItems });
    await ctx.store.appendEvent(transcriptId, EventType.ACTION_ITEMS, actionItems, 'action-items');
    return { decisionCount: actionItems.decisions.length, nextStepCount: actionItems.nextSteps.length };
  },
});
