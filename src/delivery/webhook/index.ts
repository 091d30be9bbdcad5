export { sendWebhook, webhookId, WebhookEvent } from './webhook-sender.js';
export type { WebhookRequest, WebhookResult } from './webhook-sender.js';
export { signWebhook, verifyWebhookSignature } from './webhook-signature.js';
