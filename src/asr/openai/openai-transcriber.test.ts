// The hosted speech API is the one thing we mock: these tests run our client
// against a local node:http server that speaks OpenAI's /v1/audio/transcriptions
// protocol (multipart request in, verbose_json out), parsing what arrives.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskFailure } from '../../runtime/task-failure.js';
import { writeSilenceClip } from '../testing/flite-speech-clip.js';
import { OpenAiTranscriber, type OpenAiTranscriberOptions } from './openai-transcriber.js';

interface ReceivedRequest {
  readonly url: string;
  readonly authorization: string | undefined;
  readonly form: FormData;
}
type Reply = (response: ServerResponse) => void;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (response) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
const VERBOSE = {
  task: 'transcribe',
  language: 'english',
  duration: 1.5,
  text: 'Hello there, Bob.',
  words: [
    { word: 'Hello', start: 0.12, end: 0.48 },
    { word: ' there,', start: 0.5, end: 0.81 },
    { word: 'Bob.', start: 0.9, end: 1.3 },
  ],
};

let dir = '';
let clip = '';
let baseUrl = '';
let replies: Reply[] = [];
let received: ReceivedRequest[] = [];
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    // Let the platform's multipart parser read the body, as a real server's framework would.
    const parsed = new Request(`http://test${request.url ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    });
    void parsed.formData().then((form) => {
      received.push({ url: request.url ?? '', authorization: request.headers.authorization, form });
      const reply = replies.shift() ?? json(500, { error: { message: 'test server has no reply queued' } });
      reply(response);
    });
  });
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyphony-openai-test-'));
  clip = join(dir, 'alice-0001.wav');
  await writeSilenceClip(clip, 1.5);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  replies = [];
  received = [];
});

const transcriber = (options: Partial<OpenAiTranscriberOptions> = {}): OpenAiTranscriber =>
  new OpenAiTranscriber({ baseUrl, model: 'whisper-1', retry: { initialDelayMs: 10, maxDelayMs: 50 }, ...options });
const transcribe = (t: OpenAiTranscriber): ReturnType<OpenAiTranscriber['transcribe']> =>
  t.transcribe(clip, { signal: AbortSignal.timeout(10_000) });

test('posts the clip and the transcription fields as multipart form data', async () => {
  replies = [json(200, VERBOSE)];
  await transcribe(transcriber({ model: 'Systran/faster-whisper-small', apiKey: 'sk-test', language: 'en' }));
  const [request] = received;
  assert.ok(request !== undefined);
  assert.equal(request.url, '/v1/audio/transcriptions');
  assert.equal(request.authorization, 'Bearer sk-test');
  assert.equal(request.form.get('model'), 'Systran/faster-whisper-small');
  assert.equal(request.form.get('response_format'), 'verbose_json');
  assert.deepEqual(request.form.getAll('timestamp_granularities[]'), ['word']);
  assert.equal(request.form.get('language'), 'en');
  const file = request.form.get('file');
  assert.ok(file instanceof File);
  assert.equal(file.name, 'alice-0001.wav');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), await readFile(clip));
});

test('sends no key and no language when none is configured', async () => {
  replies = [json(200, VERBOSE)];
  await transcribe(transcriber());
  assert.equal(received[0]?.authorization, undefined);
  assert.equal(received[0]?.form.has('language'), false);
});

test('maps word timings to recognised words with trimmed text', async () => {
  replies = [json(200, VERBOSE)];
  assert.deepEqual(await transcribe(transcriber()), [
    { text: 'Hello', start: 0.12, end: 0.48 },
    { text: 'there,', start: 0.5, end: 0.81 },
    { text: 'Bob.', start: 0.9, end: 1.3 },
  ]);
});

test('reads words nested in segments, as whisper.cpp servers send them', async () => {
  replies = [json(200, { text: 'hi', segments: [{ text: ' hi', words: [{ word: ' hi', start: 0.2, end: 0.4, probability: 0.9 }] }] })];
  assert.deepEqual(await transcribe(transcriber()), [{ text: 'hi', start: 0.2, end: 0.4, confidence: 0.9 }]);
});

test('an answer with no speech gives no words', async () => {
  replies = [json(200, { text: '', words: [] })];
  assert.deepEqual(await transcribe(transcriber()), []);
});

test('text without word timings fails clearly instead of inventing times', async () => {
  replies = [json(200, { text: 'Hello there.', segments: [{ text: 'Hello there.' }] })];
  await assert.rejects(transcribe(transcriber()), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && error.terminal);
    assert.match(error.message, /alice-0001\.wav.*no word timings/);
    return true;
  });
});

test('a server error is retried and the retry succeeds', async () => {
  replies = [json(500, { error: { message: 'GPU fell over' } }), json(200, VERBOSE)];
  const words = await transcribe(transcriber());
  assert.equal(received.length, 2);
  assert.equal(words.length, 3);
});

test('retries stop after the configured attempts, as a retryable failure with the last cause', async () => {
  replies = [json(503, { error: { message: 'busy' } }), json(429, { error: { message: 'slow down' } }, { 'retry-after': '0' })];
  await assert.rejects(transcribe(transcriber({ retry: { maxAttempts: 2, initialDelayMs: 10 } })), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && !error.terminal);
    assert.match(error.message, /HTTP 429: slow down.*after 2 attempts/);
    return true;
  });
  assert.equal(received.length, 2);
});

test("a client error is terminal, not retried, and carries the server's message", async () => {
  replies = [json(400, { error: { message: "Invalid language 'xx'.", type: 'invalid_request_error' } })];
  await assert.rejects(transcribe(transcriber({ language: 'xx' })), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && error.terminal);
    assert.match(error.message, /alice-0001\.wav.*HTTP 400: Invalid language 'xx'\./);
    return true;
  });
  assert.equal(received.length, 1);
});

test('malformed JSON is a clear error', async () => {
  replies = [(response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"text": "hel')];
  await assert.rejects(transcribe(transcriber()), /alice-0001\.wav.*invalid JSON: \{"text": "hel/);
});

test('a response of the wrong shape names the field', async () => {
  replies = [json(200, { words: [{ word: 'hi', start: '0.1', end: 0.2 }] })];
  await assert.rejects(transcribe(transcriber()), /unexpected transcription shape: words\.0\.start/);
});

test('a server that does not answer in time fails after the timeout', async () => {
  replies = [() => undefined, () => undefined];
  const started = performance.now();
  await assert.rejects(transcribe(transcriber({ timeoutMs: 200, retry: { maxAttempts: 2, initialDelayMs: 10 } })), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && !error.terminal);
    assert.match(error.message, /did not answer within 200 ms.*after 2 attempts/);
    return true;
  });
  // Two attempts of 200 ms, not the 10 s the caller allowed.
  assert.ok(performance.now() - started < 5000);
});

test("aborting stops the request with the caller's reason", async () => {
  replies = [() => undefined];
  const controller = new AbortController();
  const pending = transcriber().transcribe(clip, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error('task cancelled')), 100);
  await assert.rejects(pending, /task cancelled/);
});

test('an unreachable server is retried, then reported with the cause', async () => {
  // A port that was just free: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const t = new OpenAiTranscriber({ baseUrl: `http://127.0.0.1:${port}/v1/`, model: 'whisper-1', retry: { maxAttempts: 2, initialDelayMs: 10 } });
  await assert.rejects(transcribe(t), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && !error.terminal);
    assert.match(error.message, new RegExp(`cannot reach http://127.0.0.1:${port}/v1/audio/transcriptions.*ECONNREFUSED.*after 2 attempts`));
    return true;
  });
});
