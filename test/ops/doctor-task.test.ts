import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { z } from 'zod';
import { repoRoot } from '../pipeline/run-cli.js';
import { polyphony } from './ops-fixture.js';

const home = mkdtempSync(join(tmpdir(), 'polyphony-doctor-'));
after(() => rmSync(home, { recursive: true, force: true }));

const doctorSchema = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), hint: z.string().optional(), skipped: z.boolean().optional() })),
});

describe('polyphony doctor (embedded)', () => {
  test('passes on a working machine: ffmpeg and pocketsphinx on a 1 s sample, database, blob store', async () => {
    const r = await polyphony(['doctor', '--json'], { POLYPHONY_HOME: home });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = doctorSchema.parse(JSON.parse(r.stdout));
    assert.equal(report.ok, true);
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    assert.deepEqual([...byName.keys()], ['configuration', 'ffmpeg', 'recognizer (pocketsphinx)', 'database', 'blob store', 'llm', 'conductor']);
    assert.match(byName.get('recognizer (pocketsphinx)')!.detail, /recognised a 1 s sample in \d+ ms/);
    assert.match(byName.get('blob store')!.detail, /write, read and delete work/);
    assert.equal(byName.get('llm')!.skipped, true);
    assert.equal(byName.get('conductor')!.skipped, true);
  });

  test('fails with a fix hint when the blob store cannot be written, and still runs the other checks', async () => {
    const notAFolder = join(home, 'blobs-is-a-file');
    writeFileSync(notAFolder, 'in the way');
    const r = await polyphony(['doctor'], { POLYPHONY_HOME: home, POLYPHONY_BLOB_DIR: notAFolder });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /\[FAIL\] blob store .*\n\s+fix: make .*blobs-is-a-file writable, or point POLYPHONY_BLOB_DIR at a writable folder\n/);
    assert.match(r.stdout, /\[ok\]\s+database/);
    assert.match(r.stdout, /1 check failed\n$/);
  });

  test('a Conductor server that does not answer fails after the bounded wait, with a hint', async () => {
    const r = await polyphony(['doctor', '--json', '--server', 'http://127.0.0.1:9/api', '--wait', '2'], { POLYPHONY_HOME: home });
    assert.equal(r.code, 1);
    const conductor = doctorSchema.parse(JSON.parse(r.stdout)).checks.find((c) => c.name === 'conductor')!;
    assert.equal(conductor.ok, false);
    assert.match(conductor.detail, /not ready after 2000 ms \(waiting for health\)/);
    assert.match(conductor.hint!, /start the server .* check CONDUCTOR_SERVER_URL/);
  });

  test('with POLYPHONY_LLM=openai the endpoint must answer a tiny request; a refused key fails with a hint', async () => {
    // A local node:http server speaks the chat completions protocol in place of a hosted model.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.headers.authorization !== 'Bearer good-key') {
          res.statusCode = 401;
          res.end('{"error":{"message":"invalid api key"}}');
          return;
        }
        res.setHeader('content-type', 'application/json');
        const content = JSON.stringify({ title: 'Budget Review' });
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const llmEnv = (key: string) => ({
        POLYPHONY_HOME: home,
        POLYPHONY_LLM: 'openai',
        POLYPHONY_LLM_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        POLYPHONY_LLM_MODEL: 'tiny',
        POLYPHONY_LLM_API_KEY: key,
      });
      const good = await polyphony(['doctor', '--json'], llmEnv('good-key'));
      assert.equal(good.code, 0, good.stdout + good.stderr);
      const ok = doctorSchema.parse(JSON.parse(good.stdout)).checks.find((c) => c.name === 'llm (tiny)')!;
      assert.match(ok.detail, /answered in \d+ ms \(title: "Budget Review"\)/);

      const bad = await polyphony(['doctor', '--json'], llmEnv('wrong-key'));
      assert.equal(bad.code, 1);
      const refused = doctorSchema.parse(JSON.parse(bad.stdout)).checks.find((c) => c.name === 'llm (tiny)')!;
      assert.equal(refused.ok, false);
      assert.match(refused.detail, /answered 401/);
      assert.match(refused.hint!, /POLYPHONY_LLM_API_KEY/);
    } finally {
      server.close();
    }
  });

  test('a configuration error is a failed check naming the variable', async () => {
    const r = await polyphony(['doctor', '--json'], { POLYPHONY_HOME: home, POLYPHONY_LLM: 'openai' });
    assert.equal(r.code, 1);
    const report = doctorSchema.parse(JSON.parse(r.stdout));
    assert.equal(report.checks[0]?.name, 'configuration');
    assert.match(report.checks[0]!.detail, /POLYPHONY_LLM_URL/);
  });
});

describe('polyphony task run', () => {
  const meeting = join(repoRoot, 'examples', 'meeting');

  test('runs get_recording on the example by itself and prints its output', async () => {
    const r = await polyphony(['task', 'run', 'get_recording', '--input', JSON.stringify({ transcriptId: 'adhoc-1', recordingDir: meeting })], { POLYPHONY_HOME: home });
    assert.equal(r.code, 0, r.stderr);
    const out = z
      .object({ transcriptId: z.string(), trackCount: z.number(), tracks: z.array(z.object({ file: z.string(), offsetMs: z.number(), durationSec: z.number() })) })
      .parse(JSON.parse(r.stdout));
    assert.equal(out.transcriptId, 'adhoc-1');
    assert.deepEqual(out.tracks.map((t) => t.file), ['alice.webm', 'bob.webm', 'angus.webm']);
    assert.equal(out.tracks[1]!.offsetMs, 2600);
    assert.ok(out.tracks.every((t) => t.durationSec > 60), 'every track probed');
  });

  test('reads --input from a file with @', async () => {
    const file = join(home, 'input.json');
    writeFileSync(file, JSON.stringify({ transcriptId: 'adhoc-2', recordingDir: meeting }));
    const r = await polyphony(['task', 'run', 'get_recording', '--input', `@${file}`], { POLYPHONY_HOME: home });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).trackCount, 3);
  });

  test('bad input lists every schema problem with its path and exits non-zero, running nothing', async () => {
    const r = await polyphony(['task', 'run', 'get_recording', '--input', '{"transcriptId":"","recordingDir":3}'], { POLYPHONY_HOME: home });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /get_recording: the input does not match its schema:\n  transcriptId: .*>=1 characters\n  recordingDir: .*expected string, received number\n/);
  });

  test('a task that fails says why; an unknown task name is refused', async () => {
    const failed = await polyphony(['task', 'run', 'get_recording', '--input', JSON.stringify({ transcriptId: 'x', recordingDir: join(home, 'nowhere') })], { POLYPHONY_HOME: home });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^polyphony: get_recording failed/);
    const unknown = await polyphony(['task', 'run', 'no_such_task', '--input', '{}'], { POLYPHONY_HOME: home });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no task 'no_such_task'/);
  });
});
