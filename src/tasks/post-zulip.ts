import { z } from 'zod';
import { publishToZulip } from '../delivery/zulip/index.js';
import { defineTask } from './task-definition.js';
import { readTranscriptDocument } from './transcript-document.js';

const ZULIP = 'zulip';

/** Posts the transcript to Zulip once; a re-run edits the same message instead of posting again. */
export const postZulip = defineTask({
  name: 'post_zulip',
  description: 'Post (or update) the meeting message on Zulip (skipped when not configured)',
  input: z.object({ transcriptId: z.string().min(1), audioDeleted: z.boolean() }),
  output: z.object({ delivered: z.boolean(), messageId: z.number().int().nullable() }),
  async run({ transcriptId }, ctx) {
    const settings = ctx.delivery.zulip;
    if (!settings) return { delivered: false, messageId: null };
    const transcript = await readTranscriptDocument(ctx.blobs, transcriptId);
    const existing = await ctx.store.getDelivery(transcriptId, ZULIP);
    const messageId = await publishToZulip({
      settings,
      transcript,
      signal: ctx.signal,
      ...(existing === undefined ? {} : { existingMessageId: Number(existing) }),
    });
    await ctx.store.setDelivery(transcriptId, ZULIP, String(messageId));
    return { delivered: true, messageId };
  },
});
