import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeliveryConfig } from './delivery-config.js';

const zulip = {
  POLYPHONY_ZULIP_URL: 'https://chat.example.com',
  POLYPHONY_ZULIP_EMAIL: 'bot@example.com',
  POLYPHONY_ZULIP_API_KEY: 'abc',
  POLYPHONY_ZULIP_STREAM: 'engineering',
};

describe('parseDeliveryConfig', () => {
  it('turns every channel off when nothing is set', () => {
    assert.deepEqual(parseDeliveryConfig({}), {});
  });

  it('reads a webhook and a Zulip stream, with the default topic', () => {
    const settings = parseDeliveryConfig({ POLYPHONY_WEBHOOK_URL: 'https://hooks.example.com/x', POLYPHONY_WEBHOOK_SECRET: 's', ...zulip });
    assert.deepEqual(settings.webhook, { url: 'https://hooks.example.com/x', secret: 's' });
    assert.equal(settings.zulip?.topic, 'meetings');
    assert.equal(settings.zulip?.stream, 'engineering');
  });

  it('names the missing half of the webhook pair', () => {
    assert.throws(() => parseDeliveryConfig({ POLYPHONY_WEBHOOK_URL: 'https://h.example.com' }), /needs POLYPHONY_WEBHOOK_SECRET/);
    assert.throws(() => parseDeliveryConfig({ POLYPHONY_WEBHOOK_SECRET: 's' }), /needs POLYPHONY_WEBHOOK_URL/);
  });

  it('names the missing Zulip variables and a bad URL', () => {
    const { POLYPHONY_ZULIP_API_KEY: _dropped, ...partial } = zulip;
    assert.throws(() => parseDeliveryConfig(partial), /needs POLYPHONY_ZULIP_API_KEY/);
    assert.throws(() => parseDeliveryConfig({ ...zulip, POLYPHONY_ZULIP_URL: 'chat.example.com' }), /POLYPHONY_ZULIP_URL: must be an http\(s\) URL/);
  });
});
