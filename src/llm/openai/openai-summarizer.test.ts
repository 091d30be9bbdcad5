// A local node:http server speaks the chat completions protocol: a hosted or
// local model cannot run here, and no test needs a real one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { z } from 'zod';
import { isTerminal } from '../../runtime/task-failure.js';
import type { TranscriptText } from '../summarizer.js';
import { createOpenAiSummarizer } from './openai-summarizer.js';
import type { OpenAiSummarizerOptions } from './openai-summarizer.js';

const ChatRequestSchema = z.object({
  model: z.string(),
  temperature: z.number(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  response_format: z.object({ type: z.literal('json_object') }).optional(),
});
type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** What the fake model does with one request: answer content, or a raw HTTP status and body. */
type Reply = { content: string; delayMs?: number } | { status: number; body: string };

let server: Server;
let url = '';
let replies: ((request: ChatRequest) => Reply)[] = [];
let received: { path: string; headers: IncomingHttpHeaders; body: ChatRequest; bytes: number }[] = [];

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = ChatRequestSchema.parse(JSON.parse(raw));
      received.push({ path: req.url ?? '', headers: req.headers, body, bytes: raw.length });
      const next = replies.shift();
      const reply = next === undefined ? { status: 500, body: 'no reply scripted' } : next(body);
      const send = () => {
        if ('status' in reply) {
          res.statusCode = reply.status;
          res.end(reply.body);
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }] }));
      };
      if ('delayMs' in reply && reply.delayMs !== undefined) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  replies = [];
  received = [];
});

const answer = (value: unknown) => () => ({ content: JSON.stringify(value) });
const options = (extra: Partial<OpenAiSummarizerOptions> = {}): OpenAiSummarizerOptions => ({
  url, model: 'llama3.1:8b', temperature: 0.2, timeoutMs: 2000, apiKey: 'sk-test',
  retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, ...extra,
});
const chunk: TranscriptText = {
  speakers: ['Alice Martin', 'Bob Chen'],
  segments: [
    { speaker: 0, start: 0, end: 4, text: 'we should move the launch to march' },
    { speaker: 1, start: 65, end: 70, text: 'i agree march works for marketing' },
  ],
};
const signal = () => AbortSignal.timeout(10_000);
const lastUserMessage = (i: number) => received[i]?.body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';

describe('openai summarizer', () => {
  it('sends model, temperature, JSON mode, bearer key and the participants, and parses the answer', async () => {
    replies = [answer({ title: 'Launch Date', summary: 'Alice proposed March; Bob agreed.' })];
    const topic = await createOpenAiSummarizer(options()).topic(chunk, { signal: signal() });
    assert.deepEqual(topic, { title: 'Launch Date', summary: 'Alice proposed March; Bob agreed.' });
    const [request] = received;
    assert.ok(request);
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    assert.equal(request.body.model, 'llama3.1:8b');
    assert.equal(request.body.temperature, 0.2);
    assert.deepEqual(request.body.response_format, { type: 'json_object' });
    const user = lastUserMessage(0);
    assert.match(user, /Alice Martin, Bob Chen/);
    assert.match(user, /\[01:05\] Bob Chen: i agree march works for marketing/);
  });

  it('sends no authorization header when no key is configured', async () => {
    replies = [answer({ title: 'Launch' })];
    const { apiKey: _none, ...keyless } = options();
    await createOpenAiSummarizer(keyless).title([{ title: 'Launch', summary: '' }], { signal: signal() });
    assert.equal(received[0]?.headers.authorization, undefined);
  });

  it('re-asks once after invalid JSON, telling the model what was wrong', async () => {
    replies = [() => ({ content: 'Sure! The title is Launch Date' }), answer({ title: 'Launch Date', summary: 'Alice proposed March.' })];
    const topic = await createOpenAiSummarizer(options()).topic(chunk, { signal: signal() });
    assert.equal(topic.title, 'Launch Date');
    assert.equal(received.length, 2);
    const reask = received[1]?.body.messages ?? [];
    assert.equal(reask.at(-2)?.role, 'assistant');
    assert.equal(reask.at(-2)?.content, 'Sure! The title is Launch Date');
    assert.match(lastUserMessage(1), /not valid JSON/);
  });

  it('names the missing field when the JSON has the wrong shape', async () => {
    replies = [answer({ title: 'Launch Date' }), answer({ title: 'Launch Date', summary: 'Alice proposed March.' })];
    await createOpenAiSummarizer(options()).topic(chunk, { signal: signal() });
    assert.match(lastUserMessage(1), /summary/);
  });

  it('gives up with a clear, retryable error after the re-ask bound', async () => {
    replies = [() => ({ content: '{' }), () => ({ content: '{' }), () => ({ content: '{' }), () => ({ content: '{' })];
    await assert.rejects(
      createOpenAiSummarizer(options({ reasks: 2 })).topic(chunk, { signal: signal() }),
      (error: Error) => /no usable topic after 3 answers/.test(error.message) && /not valid JSON/.test(error.message) && !isTerminal(error),
    );
    assert.equal(received.length, 3);
  });

  it('retries a 500 and then uses the 200', async () => {
    replies = [() => ({ status: 500, body: 'overloaded' }), answer({ title: 'Launch Date', summary: 'Alice proposed March.' })];
    const topic = await createOpenAiSummarizer(options()).topic(chunk, { signal: signal() });
    assert.equal(topic.title, 'Launch Date');
    assert.equal(received.length, 2);
  });

  it('honours the request timeout', async () => {
    replies = [() => ({ content: '{}', delayMs: 1500 })];
    const started = Date.now();
    await assert.rejects(
      createOpenAiSummarizer(options({ timeoutMs: 100, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })).title([], { signal: signal() }),
      /no answer within 100 ms/,
    );
    assert.ok(Date.now() - started < 1000, 'did not wait for the slow answer');
  });

  it('fails terminally on a 401 without retrying', async () => {
    replies = [() => ({ status: 401, body: '{"error":{"message":"invalid api key"}}' })];
    await assert.rejects(createOpenAiSummarizer(options()).title([], { signal: signal() }), (error: Error) => isTerminal(error) && /401.*invalid api key/.test(error.message));
    assert.equal(received.length, 1);
  });

  it('asks again without JSON mode when the server does not support it', async () => {
    replies = [() => ({ status: 400, body: '{"error":"unknown field response_format"}' }), answer({ title: 'Launch' })];
    assert.equal(await createOpenAiSummarizer(options()).title([], { signal: signal() }), 'Launch');
    assert.equal(received[1]?.body.response_format, undefined);
  });

  it('re-asks when a next step is given to someone who was not in the meeting', async () => {
    replies = [
      answer({ decisions: ['Launch in March'], nextSteps: [{ task: 'Draft the announcement', assignee: 'Bobby', deadline: 'by Friday' }] }),
      answer({ decisions: ['Launch in March'], nextSteps: [{ task: 'Draft the announcement', assignee: 'Bob Chen', deadline: 'by Friday' }] }),
    ];
    const items = await createOpenAiSummarizer(options()).actionItems(chunk, { signal: signal() });
    assert.equal(items.nextSteps[0]?.assignee, 'Bob Chen');
    assert.match(lastUserMessage(1), /"Alice Martin", "Bob Chen"/);
  });

  it('splits a long transcript so each request stays within the context budget, and merges the answers', async () => {
    const long: TranscriptText = {
      speakers: ['Alice Martin', 'Bob Chen'],
      segments: Array.from({ length: 120 }, (_, i) => ({ speaker: i % 2, start: i * 10, end: i * 10 + 9, text: `point number ${i} about the quarterly budget and the hiring plan for next year` })),
    };
    const contextTokens = 1600;
    replies = Array.from({ length: 20 }, (_, i) => answer({ decisions: ['Freeze hiring'], nextSteps: [{ task: `Task ${i % 2}`, assignee: null, deadline: null }] }));
    const items = await createOpenAiSummarizer(options({ contextTokens, answerTokens: 400 })).actionItems(long, { signal: signal() });
    assert.ok(received.length > 1, 'more than one request');
    for (const r of received) assert.ok(r.bytes / 4 < contextTokens, `request of ~${Math.round(r.bytes / 4)} tokens`);
    const allSent = received.map((r) => lastUserMessage(received.indexOf(r))).join('\n');
    assert.match(allSent, /point number 0 /);
    assert.match(allSent, /point number 119 /);
    assert.deepEqual(items.decisions, ['Freeze hiring']);
    assert.deepEqual(items.nextSteps.map((s) => s.task), ['Task 0', 'Task 1']);
  });

  it('summarises a long meeting from notes on its parts', async () => {
    const long: TranscriptText = {
      speakers: ['Alice Martin'],
      segments: Array.from({ length: 80 }, (_, i) => ({ speaker: 0, start: i, end: i + 1, text: `budget line ${i} needs review before the board meeting` })),
    };
    replies = Array.from({ length: 10 }, () => (request: ChatRequest) =>
      request.messages.at(-1)?.content.includes('"notes"')
        ? { content: JSON.stringify({ notes: ['Alice reviewed the budget.'] }) }
        : { content: JSON.stringify({ short: 'Alice reviewed the budget.', long: '## Budget\n- **Alice Martin**: reviewed it' }) });
    const summary = await createOpenAiSummarizer(options({ contextTokens: 1500, answerTokens: 300 })).summary(long, [{ title: 'Budget', summary: '' }], { signal: signal() });
    assert.equal(summary.short, 'Alice reviewed the budget.');
    const last = lastUserMessage(received.length - 1);
    assert.match(last, /Notes taken on each part/);
    assert.ok(received.length >= 3);
  });
});
