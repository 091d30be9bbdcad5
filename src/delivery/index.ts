export { parseDeliveryConfig } from './delivery-config.js';
export type { RetryPolicy } from './http-retry.js';
export * from './webhook/index.js';
export * from './zulip/index.js';
