export { editMessage, postStreamMessage, ZulipApiError } from './zulip-client.js';
export type { ZulipAccount, ZulipCallOptions } from './zulip-client.js';
export { formatHms, formatMmSs, formatZulipMessage } from './zulip-message.js';
export type { ZulipTranscript } from './zulip-message.js';
export { publishToZulip } from './zulip-publisher.js';
export type { ZulipPublication, ZulipSettings } from './zulip-publisher.js';
