// The receiver is a local node:http server: a real webhook endpoint cannot run here.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { isTerminal } from '../../runtime/task-failure.js';
import { sendWebhook } from './webhook-sender.js';
import { verifyWebhookSignature } from './webhook-signature.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[received.length - 1] ?? 200;
      res.end(res.statusCode >= 400 ? 'nope' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const clock = { now: () => 1_700_000_000_000 };
const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

describe('sendWebhook', () => {
  it('signs the exact body so the receiver can verify it with its own HMAC', async () => {
    const r = await receiver([200]);
    servers.push(r.server);
    const result = await sendWebhook({
      url: r.url, secret: 's3cret', event: 'transcript.completed', transcriptId: 'tr_1',
      payload: { title: 'Weekly sync' }, signal: AbortSignal.timeout(5000), clock,
    });
    assert.equal(result.status, 200);
    const [got] = r.received;
    assert.ok(got);
    const header = String(got.headers['x-webhook-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    assert.ok(match, header);
    assert.equal(match[1], '1700000000');
    const independent = createHmac('sha256', 's3cret').update(`${match[1]}.${got.body}`).digest('hex');
    assert.equal(match[2], independent);
    assert.deepEqual(JSON.parse(got.body).payload, { title: 'Weekly sync' });
    assert.equal(verifyWebhookSignature('s3cret', header, got.body, 300, 1_700_000_010), true);
    assert.equal(verifyWebhookSignature('other', header, got.body, 300, 1_700_000_010), false);
    assert.equal(verifyWebhookSignature('s3cret', header, `${got.body} `, 300, 1_700_000_010), false);
    assert.equal(verifyWebhookSignature('s3cret', header, got.body, 300, 1_700_001_000), false, 'too old');
  });

  it('retries 5xx and 429 with the same idempotency id, then succeeds', async () => {
    const r = await receiver([500, 429, 200]);
    servers.push(r.server);
    const send = () => sendWebhook({
      url: r.url, secret: 'k', event: 'transcript.completed', transcriptId: 'tr_2',
      payload: {}, signal: AbortSignal.timeout(5000), clock, retry: fast,
    });
    const result = await send();
    assert.equal(result.attempts, 3);
    const ids = r.received.map((x) => x.headers['x-webhook-id']);
    assert.equal(new Set(ids).size, 1);
    await send();
    assert.equal(r.received.at(-1)?.headers['x-webhook-id'], ids[0], 'a re-run carries the same id');
  });

  it('gives up after the bound with a retryable error', async () => {
    const r = await receiver([503, 503, 503, 503]);
    servers.push(r.server);
    await assert.rejects(
      sendWebhook({ url: r.url, secret: 'k', event: 'transcript.completed', transcriptId: 'x', payload: {}, signal: AbortSignal.timeout(5000), clock, retry: fast }),
      (error: Error) => !isTerminal(error) && /503/.test(error.message) && /3 attempts/.test(error.message),
    );
    assert.equal(r.received.length, 3);
  });

  it('treats a 4xx as terminal and names the status', async () => {
    const r = await receiver([410]);
    servers.push(r.server);
    await assert.rejects(
      sendWebhook({ url: r.url, secret: 'k', event: 'transcript.completed', transcriptId: 'x', payload: {}, signal: AbortSignal.timeout(5000), clock, retry: fast }),
      (error: Error) => isTerminal(error) && /410/.test(error.message),
    );
    assert.equal(r.received.length, 1);
  });

  it('retries when nothing listens, then fails', async () => {
    const r = await receiver([]);
    await new Promise((resolve) => r.server.close(resolve));
    await assert.rejects(
      sendWebhook({ url: r.url, secret: 'k', event: 'transcript.completed', transcriptId: 'x', payload: {}, signal: AbortSignal.timeout(5000), clock, retry: fast }),
      /unreachable.*3 attempts/,
    );
  });
});
