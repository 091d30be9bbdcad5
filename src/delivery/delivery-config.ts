import { z } from 'zod';
import type { DeliverySettings } from '../tasks/task-context.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const text = z.string().trim().min(1, 'must not be empty');

const DeliveryEnvSchema = z.object({
  POLYPHONY_WEBHOOK_URL: httpUrl.optional(),
  POLYPHONY_WEBHOOK_SECRET: text.optional(),
  POLYPHONY_ZULIP_URL: httpUrl.optional(),
  POLYPHONY_ZULIP_EMAIL: text.optional(),
  POLYPHONY_ZULIP_API_KEY: text.optional(),
  POLYPHONY_ZULIP_STREAM: text.optional(),
  POLYPHONY_ZULIP_TOPIC: text.max(60, 'must be at most 60 characters (Zulip topic limit)').default('meetings'),
});

/** An env value that is set but blank counts as unset, like most shells treat it. */
function present(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** Where to deliver transcripts, from POLYPHONY_WEBHOOK_* and POLYPHONY_ZULIP_*; throws naming the variable at fault. */
export function parseDeliveryConfig(env: Record<string, string | undefined>): DeliverySettings {
  const parsed = DeliveryEnvSchema.safeParse(present(env));
  if (!parsed.success) {
    throw new Error(
      `invalid delivery configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  const settings: { webhook?: NonNullable<DeliverySettings['webhook']>; zulip?: NonNullable<DeliverySettings['zulip']> } = {};

  const webhook = { POLYPHONY_WEBHOOK_URL: e.POLYPHONY_WEBHOOK_URL, POLYPHONY_WEBHOOK_SECRET: e.POLYPHONY_WEBHOOK_SECRET };
  requireAllOrNone('webhook', webhook);
  if (e.POLYPHONY_WEBHOOK_URL !== undefined && e.POLYPHONY_WEBHOOK_SECRET !== undefined) {
    settings.webhook = { url: e.POLYPHONY_WEBHOOK_URL, secret: e.POLYPHONY_WEBHOOK_SECRET };
  }

  const zulip = {
    POLYPHONY_ZULIP_URL: e.POLYPHONY_ZULIP_URL,
    POLYPHONY_ZULIP_EMAIL: e.POLYPHONY_ZULIP_EMAIL,
    POLYPHONY_ZULIP_API_KEY: e.POLYPHONY_ZULIP_API_KEY,
    POLYPHONY_ZULIP_STREAM: e.POLYPHONY_ZULIP_STREAM,
  };
  requireAllOrNone('Zulip', zulip);
  if (
    e.POLYPHONY_ZULIP_URL !== undefined && e.POLYPHONY_ZULIP_EMAIL !== undefined &&
    e.POLYPHONY_ZULIP_API_KEY !== undefined && e.POLYPHONY_ZULIP_STREAM !== undefined
  ) {
    settings.zulip = {
      url: e.POLYPHONY_ZULIP_URL,
      email: e.POLYPHONY_ZULIP_EMAIL,
      apiKey: e.POLYPHONY_ZULIP_API_KEY,
      stream: e.POLYPHONY_ZULIP_STREAM,
      topic: e.POLYPHONY_ZULIP_TOPIC,
    };
  }
  return settings;
}

// A half-configured channel is a mistake worth stopping for, not a channel to silently switch off.
function requireAllOrNone(channel: string, values: Record<string, string | undefined>): void {
  const entries = Object.entries(values);
  const missing = entries.filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0 && missing.length < entries.length) {
    const set = entries.filter(([, v]) => v !== undefined).map(([k]) => k);
    throw new Error(`invalid delivery configuration: ${set.join(', ')} set, so ${channel} delivery also needs ${missing.join(', ')}`);
  }
}
