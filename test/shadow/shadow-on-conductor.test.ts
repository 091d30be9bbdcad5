import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TranscriptSchema, type Transcript } from '../../src/domain/transcript.js';
import { ShadowReportSchema } from '../../src/shadow/index.js';
import { conductorUnavailable, startHarness, type ConductorHarness } from '../conductor/conductor-fixture.js';
import { repoRoot, runCli } from '../pipeline/run-cli.js';

const unavailable = conductorUnavailable();

// The first promise: with a Conductor server configured, `shadow` with
// no flags runs the embedded engine against Conductor and finds nothing to tell apart.
describe('polyphony shadow on a real Conductor server', { skip: unavailable ?? false }, () => {
  let harness: ConductorHarness;
  let work: string;
  before(async () => {
    harness = await startHarness();
    work = await mkdtemp(join(tmpdir(), 'polyphony-shadow-conductor-'));
  });
  after(async () => {
    await harness?.server.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('embedded against Conductor by default: WER 0, speaker agreement 1, identical words', async () => {
    const out = join(work, 'out');
    const env = { POLYPHONY_HOME: join(work, 'home'), CONDUCTOR_SERVER_URL: harness.server.url };
    const result = await runCli(['shadow', join(repoRoot, 'examples', 'meeting'), '--out', out, '--json'], env).done;
    assert.equal(result.code, 0, result.stderr);
    const report = ShadowReportSchema.parse(JSON.parse(result.stdout));
    assert.deepEqual(report.sides.map((s) => [s.engine, s.status]), [['embedded', 'COMPLETED'], ['conductor', 'COMPLETED']]);
    assert.notEqual(report.sides[0].transcriptId, report.sides[1].transcriptId);
    // The workflow ran on the server: it knows the run by its id.
    assert.equal((await harness.client.getWorkflow(report.sides[1].workflowId!)).status, 'COMPLETED');

    const c = report.comparison;
    assert.ok(c);
    assert.equal(c.words.wer, 0);
    assert.equal(c.speakers.agreement, 1);
    assert.deepEqual([c.timing.maxStartDeltaMs, c.timing.maxEndDeltaMs, c.duration.differenceMs], [0, 0, 0]);
    assert.deepEqual(c.differences, { shown: [], total: 0 });
    assert.deepEqual(c.fields.filter((f) => f.verdict !== 'equal'), []);
    assert.equal(c.identical, true);

    const read = (side: string): Transcript => TranscriptSchema.parse(JSON.parse(readFileSync(join(out, side, 'transcript.json'), 'utf8')));
    assert.ok(read('a').words.length > 100);
    assert.deepEqual(read('a').words, read('b').words);
  });
});
