import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TranscriptSchema } from '../../src/domain/transcript.js';
import type { Workflow } from '../../src/engine/index.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { storeBackends } from '../store/store-backends.js';
import { makeRecording } from '../fixtures/make-recording.js';
import { runCli } from './run-cli.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const SECRET = 'whsec_test';

// The webhook receiver and the Zulip server are hosted services: a local HTTP
// server speaks both protocols here. Everything else is real (ffmpeg,
// pocketsphinx, the engine, and each database backend).
for (const backend of storeBackends()) {
  test(`consent, webhook and Zulip end to end, re-run included, on ${backend.name}`, { skip: backend.skip ?? false }, async () => {
    if (backend.unavailable) assert.fail(backend.unavailable);
    const work = await mkdtemp(join(tmpdir(), 'polyphony-delivery-'));
    const db = await backend.openFresh();
    const received: Received[] = [];
    let nextMessageId = 41;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/hook') return res.end('{}');
        if (req.method === 'POST' && req.url === '/api/v1/messages') return res.end(JSON.stringify({ result: 'success', id: ++nextMessageId }));
        if (req.method === 'PATCH' && req.url?.startsWith('/api/v1/messages/')) return res.end(JSON.stringify({ result: 'success' }));
        res.statusCode = 404;
        res.end(JSON.stringify({ result: 'error', msg: 'not found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const recording = join(work, 'recording');
      await makeRecording(recording, {
        layout: 'manifest',
        participants: [
          { id: 'a', name: 'Alice', voice: 'slt', trackStartSec: 0, utterances: [{ atSec: 0.5, text: 'We decided to ship the new release on Monday.' }] },
          { id: 'b', name: 'Bob', voice: 'rms', trackStartSec: 1, utterances: [{ atSec: 5, text: 'I will write the release notes by Friday.' }] },
        ],
      });
      const manifestPath = join(recording, 'recording.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { tracks: { participant: { id: string; consent?: boolean } }[] };
      for (const track of manifest.tracks) if (track.participant.id === 'b') track.participant.consent = false;
      await writeFile(manifestPath, JSON.stringify(manifest));

      const env = {
        POLYPHONY_HOME: join(work, 'home'),
        POLYPHONY_BLOB_DIR: db.config.blobDir,
        DATABASE_URL: db.config.database.kind === 'postgres' ? db.config.database.url : `sqlite://${db.config.database.path}`,
        POLYPHONY_WEBHOOK_URL: `${base}/hook`,
        POLYPHONY_WEBHOOK_SECRET: SECRET,
        POLYPHONY_ZULIP_URL: base,
        POLYPHONY_ZULIP_EMAIL: 'bot@example.com',
        POLYPHONY_ZULIP_API_KEY: 'key',
        POLYPHONY_ZULIP_STREAM: 'meetings',
      };
      const out = join(work, 'out');
      const first = await runCli(['process', recording, '--out', out, '--json'], env).done;
      assert.equal(first.code, 0, first.stderr);
      const { workflowId, transcriptId } = JSON.parse(first.stdout) as { workflowId: string; transcriptId: string };

      // Consent refused: no audio kept anywhere, and the transcript says so.
      const transcript = TranscriptSchema.parse(JSON.parse(readFileSync(join(out, 'transcript.json'), 'utf8')));
      assert.equal(transcript.audioDeleted, true);
      assert.equal(existsSync(join(out, 'audio.mp3')), false);
      assert.equal(existsSync(join(db.config.blobDir, 'transcripts', transcriptId, 'audio.mp3')), false);
      assert.equal(existsSync(join(db.config.blobDir, 'transcripts', transcriptId, 'tracks', '0', 'aligned.wav')), false);
      assert.ok(transcript.words.some((w) => w.speaker === 1), 'the text of the non-consenting participant stays');

      // The webhook carries a signature a receiver can verify on its own.
      const hooks = received.filter((r) => r.url === '/hook');
      assert.equal(hooks.length, 1);
      const signature = String(hooks[0]!.headers['x-webhook-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
      assert.equal(v1, createHmac('sha256', SECRET).update(`${t}.${hooks[0]!.body}`).digest('hex'));
      const hookBody = JSON.parse(hooks[0]!.body) as { event: string; payload: { transcript: { id: string; audioDeleted: boolean } } };
      assert.equal(hookBody.event, 'transcript.completed');
      assert.equal(hookBody.payload.transcript.id, transcriptId);

      const posts = received.filter((r) => r.method === 'POST' && r.url === '/api/v1/messages');
      assert.equal(posts.length, 1);
      const form = new URLSearchParams(posts[0]!.body);
      assert.equal(form.get('to'), 'meetings');
      assert.ok(form.get('content')!.includes(transcript.title));
      assert.equal(posts[0]!.headers.authorization, `Basic ${Buffer.from('bot@example.com:key').toString('base64')}`);

      // A re-run of the whole workflow edits the Zulip message, re-sends the same webhook id, duplicates nothing.
      const store = await openStore(parseStoreConfig(env));
      const wordsBefore = (await store.listWords(transcriptId)).length;
      const eventsBefore = (await store.listEvents(transcriptId)).length;
      const again = await runCli(['workflow', 'restart', workflowId], env).done;
      assert.equal(again.code, 0, again.stderr);
      assert.equal((JSON.parse(again.stdout) as Workflow).status, 'COMPLETED');
      assert.equal(received.filter((r) => r.method === 'POST' && r.url === '/api/v1/messages').length, 1, 'no second Zulip post');
      const edits = received.filter((r) => r.method === 'PATCH');
      assert.deepEqual(edits.map((r) => r.url), [`/api/v1/messages/${nextMessageId}`]);
      const hookIds = received.filter((r) => r.url === '/hook').map((r) => r.headers['x-webhook-id']);
      assert.equal(hookIds.length, 2);
      assert.equal(hookIds[0], hookIds[1]);
      assert.equal((await store.listWords(transcriptId)).length, wordsBefore);
      const events = await store.listEvents(transcriptId);
      assert.equal(events.filter((e) => e.type === 'FINAL_TITLE').length, 1);
      assert.ok(events.length <= eventsBefore + 2, 'a re-run adds at most its own STATUS events');
      await store.close();
    } finally {
      server.close();
      await db.dispose();
      await rm(work, { recursive: true, force: true });
    }
  });
}
