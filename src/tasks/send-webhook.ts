import { z } from 'zod';
import { sendWebhook as postWebhook, WebhookEvent } from '../delivery/webhook/index.js';
import { defineTask } from './task-definition.js';
import { readTranscriptDocument } from './transcript-document.js';

/** POSTs `transcript.completed` with the transcript to the configured webhook, if any. */
export const sendWebhook = defineTask({
  name: 'send_webhook',
  description: 'Signed transcript.completed webhook (skipped when not configured)',
  input: z.object({ transcriptId: z.string().min(1), audioDeleted: z.boolean() }),
  output: z.object({ delivered: z.boolean(), status: z.number().int().nullable(), webhookId: z.string().nullable() }),
  async run({ transcriptId }, ctx) {
    const webhook = ctx.delivery.webhook;
    if (!webhook) return { delivered: false, status: null, webhookId: null };
    const transcript = await readTranscriptDocument(ctx.blobs, transcriptId);
    const result = await postWebhook({
      url: webhook.url,
      secret: webhook.secret,
      event: WebhookEvent.transcriptCompleted,
      transcriptId,
      payload: { event: WebhookEvent.transcriptCompleted, transcript },
      signal: ctx.signal,
    });
    return { delivered: true, status: result.status, webhookId: result.id };
  },
});
