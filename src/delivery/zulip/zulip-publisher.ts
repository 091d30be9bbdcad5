import type { DeliverySettings } from '../../tasks/task-context.js';
import type { RetryPolicy } from '../http-retry.js';
import { editMessage, postStreamMessage, ZulipApiError } from './zulip-client.js';
import type { ZulipTranscript } from './zulip-message.js';
import { formatZulipMessage } from './zulip-message.js';

export type ZulipSettings = NonNullable<DeliverySettings['zulip']>;

export interface ZulipPublication {
  readonly settings: ZulipSettings;
  readonly transcript: ZulipTranscript;
  /** The id returned by an earlier run; when given, that message is edited instead of posting another. */
  readonly existingMessageId?: number;
  readonly signal: AbortSignal;
  readonly retry?: RetryPolicy;
}

/** Posts the transcript to its stream once, or updates the earlier post (re-posting only if it was deleted); returns the message id to store. */
export async function publishToZulip(publication: ZulipPublication): Promise<number> {
  const { settings, signal } = publication;
  const content = formatZulipMessage(publication.transcript);
  const options = publication.retry === undefined ? { signal } : { signal, retry: publication.retry };
  if (publication.existingMessageId !== undefined) {
    try {
      await editMessage(settings, publication.existingMessageId, content, options);
      return publication.existingMessageId;
    } catch (error) {
      // Someone deleted the earlier post: there is nothing to duplicate, so post it again.
      if (!(error instanceof ZulipApiError && error.zulipMessage === 'Invalid message(s)')) throw error;
    }
  }
  return postStreamMessage(settings, { stream: settings.stream, topic: settings.topic, content }, options);
}
