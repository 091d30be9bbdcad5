// A local node:http server speaks Zulip's messages API: a real Zulip server cannot run here.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isTerminal } from '../../runtime/task-failure.js';
import { formatZulipMessage } from './zulip-message.js';
import { publishToZulip } from './zulip-publisher.js';

interface Stored {
  content: string;
  stream: string;
  topic: string;
  edits: number;
}

const email = 'bot@example.com';
const apiKey = 'k3y';
let server: Server;
let url = '';
const messages = new Map<number, Stored>();
const requests: { method: string; path: string }[] = [];
let failNext = 0;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '' });
      const reply = (status: number, json: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(json));
      };
      if (failNext > 0) {
        failNext--;
        return reply(502, { result: 'error', msg: 'bad gateway' });
      }
      const expected = `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return reply(401, { result: 'error', msg: 'Invalid API key', code: 'UNAUTHORIZED' });
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return reply(400, { result: 'error', msg: 'not a form' });
      const form = new URLSearchParams(body);
      if (req.method === 'POST' && req.url === '/api/v1/messages') {
        if (form.get('type') !== 'stream') return reply(400, { result: 'error', msg: 'type must be stream' });
        const stream = form.get('to') ?? '';
        if (stream !== 'engineering') return reply(400, { result: 'error', msg: `Stream '${stream}' does not exist`, code: 'STREAM_NOT_FOUND' });
        const id = 100 + messages.size;
        messages.set(id, { content: form.get('content') ?? '', stream, topic: form.get('topic') ?? '', edits: 0 });
        return reply(200, { result: 'success', msg: '', id });
      }
      const edit = /^\/api\/v1\/messages\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'PATCH' && edit) {
        const stored = messages.get(Number(edit[1]));
        if (!stored) return reply(400, { result: 'error', msg: 'Invalid message(s)', code: 'BAD_REQUEST' });
        stored.content = form.get('content') ?? '';
        stored.edits++;
        return reply(200, { result: 'success', msg: '' });
      }
      reply(404, { result: 'error', msg: 'no such endpoint' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const transcript = {
  title: 'Launch planning',
  durationMs: 3_725_000,
  shortSummary: 'Alice and Bob agreed to ship in March.',
  topics: [
    { title: 'Launch date', timestamp: 0 },
    { title: 'Database migration', timestamp: 754.6 },
  ],
};
const settings = () => ({ url, email, apiKey, stream: 'engineering', topic: 'meetings' });
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

describe('publishToZulip', () => {
  it('posts once to the stream and topic, then edits that message on a re-run', async () => {
    const signal = AbortSignal.timeout(5000);
    const id = await publishToZulip({ settings: settings(), transcript, signal });
    const posted = messages.get(id);
    assert.ok(posted);
    assert.equal(posted.stream, 'engineering');
    assert.equal(posted.topic, 'meetings');
    assert.match(posted.content, /Launch planning/);
    assert.match(posted.content, /1:02:05/);
    assert.match(posted.content, /Alice and Bob agreed to ship in March\./);
    assert.match(posted.content, /`12:34` Database migration/);

    const count = messages.size;
    const again = await publishToZulip({
      settings: settings(), transcript: { ...transcript, title: 'Launch planning (final)' }, existingMessageId: id, signal,
    });
    assert.equal(again, id);
    assert.equal(messages.size, count, 'no second post');
    assert.equal(messages.get(id)?.edits, 1);
    assert.match(messages.get(id)?.content ?? '', /Launch planning \(final\)/);
  });

  it('posts again when the earlier message was deleted', async () => {
    const id = await publishToZulip({ settings: settings(), transcript, existingMessageId: 999_999, signal: AbortSignal.timeout(5000) });
    assert.notEqual(id, 999_999);
    assert.ok(messages.has(id));
  });

  it("fails terminally with Zulip's own message on result: error", async () => {
    await assert.rejects(
      publishToZulip({ settings: { ...settings(), stream: 'nowhere' }, transcript, signal: AbortSignal.timeout(5000) }),
      (error: Error) => isTerminal(error) && /Stream 'nowhere' does not exist/.test(error.message),
    );
    await assert.rejects(
      publishToZulip({ settings: { ...settings(), apiKey: 'wrong' }, transcript, signal: AbortSignal.timeout(5000) }),
      /Invalid API key/,
    );
  });

  it('retries a 5xx from Zulip', async () => {
    failNext = 1;
    const before = requests.length;
    const id = await publishToZulip({ settings: settings(), transcript, signal: AbortSignal.timeout(5000), retry: fast });
    assert.ok(messages.has(id));
    assert.equal(requests.length - before, 2);
  });
});

describe('formatZulipMessage', () => {
  it('shows times past an hour as minutes and the duration as h:mm:ss', () => {
    const text = formatZulipMessage({ ...transcript, durationMs: 59_000, topics: [{ title: 'Late', timestamp: 4510 }] });
    assert.match(text, /0:00:59/);
    assert.match(text, /`75:10` Late/);
  });
});
