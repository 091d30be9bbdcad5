import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TranscriptSchema, type Transcript } from '../../src/domain/transcript.js';
import { parseWorkerId } from '../../src/runtime/worker-identity.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { repoRoot, runCli } from '../pipeline/run-cli.js';
import { conductorUnavailable, startHarness, type ConductorHarness } from './conductor-fixture.js';

const unavailable = conductorUnavailable();
/** Pins the build identity of the processes under test, whatever the work tree's state. */
const BUILD = 'shadow-test';

// The shadow comparison of the two runtimes: the same workflow definition and
// the same task code, on a real Conductor OSS server and on the embedded engine.
describe('the pipeline on a real Conductor server', { skip: unavailable ?? false }, () => {
  let harness: ConductorHarness;
  let work: string;
  before(async () => {
    harness = await startHarness();
    work = await mkdtemp(join(tmpdir(), 'polyphony-conductor-pipeline-'));
  });
  after(async () => {
    await harness?.server.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const processOn = async (engine: 'embedded' | 'conductor', recording: string, name: string) => {
    const env = { POLYPHONY_HOME: join(work, name), CONDUCTOR_SERVER_URL: harness.server.url, POLYPHONY_BUILD: BUILD };
    const result = await runCli(['process', recording, '--out', join(work, `${name}-out`), '--engine', engine, '--json'], env).done;
    return { result, env, out: join(work, `${name}-out`) };
  };
  const read = (out: string): Transcript => TranscriptSchema.parse(JSON.parse(readFileSync(join(out, 'transcript.json'), 'utf8')));

  test('gives the same transcript, word for word, as the embedded engine', async () => {
    const example = join(repoRoot, 'examples', 'meeting');
    const onConductor = await processOn('conductor', example, 'conductor');
    assert.equal(onConductor.result.code, 0, onConductor.result.stderr);
    const embedded = await processOn('embedded', example, 'embedded');
    assert.equal(embedded.result.code, 0, embedded.result.stderr);

    const a = read(onConductor.out);
    const b = read(embedded.out);
    assert.ok(a.words.length > 100);
    assert.deepEqual(a.words, b.words);
    assert.deepEqual(a.segments, b.segments);
    assert.deepEqual(a.participants, b.participants);
    assert.equal(a.durationMs, b.durationMs);
    assert.deepEqual(a.topics.map((t) => [t.title, t.timestamp]), b.topics.map((t) => [t.title, t.timestamp]));

    // Every task the server ran was done by this build, and says so in its output.
    const { workflowId } = JSON.parse(onConductor.result.stdout) as { workflowId: string };
    const wf = await harness.client.getWorkflow(workflowId);
    const simple = wf.tasks.filter((t) => t.workerId);
    assert.ok(simple.length >= 10);
    for (const task of simple) {
      assert.equal(parseWorkerId(task.workerId!)?.version.split('+')[1], BUILD, `${task.referenceTaskName} ran on ${task.workerId}`);
      assert.equal(task.outputData['_worker'], task.workerId);
    }
  });

  test('bad input fails the run on the server, marks the transcript as an error, and Conductor retries it once fixed', async () => {
    const recording = join(work, 'missing-track');
    await cp(join(repoRoot, 'test', 'pipeline', 'fixtures', 'missing-track'), recording, { recursive: true });
    const bad = await processOn('conductor', recording, 'bad');
    assert.notEqual(bad.result.code, 0);
    assert.match(bad.result.stderr, /get_recording failed: recording\.json: tracks\[1\]\.path: file not found: bob\.wav/);
    const { transcriptId } = JSON.parse(bad.result.stdout) as { transcriptId: string };
    // Conductor starts the failure workflow itself; the local workers record the error.
    const store = await openStore(parseStoreConfig(bad.env));
    try {
      let record = await store.getTranscript(transcriptId);
      for (let i = 0; i < 100 && record?.status !== 'error'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        record = await store.getTranscript(transcriptId);
      }
      assert.equal(record?.status, 'error');
      assert.match(record?.error ?? '', /file not found: bob\.wav/);
    } finally {
      await store.close();
    }

    // Through Conductor's own retry API: the failed task is re-created, the run completes.
    await cp(join(repoRoot, 'examples', 'meeting', 'alice.webm'), join(recording, 'alice.wav'));
    await cp(join(repoRoot, 'examples', 'meeting', 'bob.webm'), join(recording, 'bob.wav'));
    const { workflowId } = JSON.parse(bad.result.stdout) as { workflowId: string };
    const retried = await runCli(['workflow', 'retry', workflowId, '--engine', 'conductor'], bad.env).done;
    assert.equal(retried.code, 0, retried.stderr);
    const wf = await harness.client.getWorkflow(workflowId);
    assert.equal(wf.status, 'COMPLETED');
    const attempts = wf.tasks.filter((t) => t.referenceTaskName === 'get_recording');
    assert.deepEqual(attempts.map((t) => [t.status, t.retried]), [['FAILED_WITH_TERMINAL_ERROR', true], ['COMPLETED', false]]);
  });
});
