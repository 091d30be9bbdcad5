import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../pipeline/run-cli.js';
import { CURRENT_BUILD, inspectJson, polyphony, versionOf } from './ops-fixture.js';

const home = mkdtempSync(join(tmpdir(), 'polyphony-ops-pipeline-'));
after(() => rmSync(home, { recursive: true, force: true }));

// The one real pipeline run of these tests: a healthy run must raise no false alarm.
test('a real pipeline run of the example inspects clean: every task, sub-workflow and branch, no anomalies', { timeout: 300_000 }, async () => {
  const env = { POLYPHONY_HOME: home };
  const run = await polyphony(['process', join(repoRoot, 'examples', 'meeting'), '--out', join(home, 'out'), '--json'], env);
  assert.equal(run.code, 0, run.stderr);
  const { workflowId } = JSON.parse(run.stdout) as { workflowId: string };

  const { code, report } = await inspectJson(workflowId, env);
  assert.deepEqual(report.anomalies, []);
  assert.equal(code, 0);
  assert.equal(report.status, 'COMPLETED');

  const transcribed = report.tasks.filter((t) => t.ref === 'transcribe_track');
  assert.equal(transcribed.length, 3, 'one per track, from the sub-workflows');
  for (const t of transcribed) {
    assert.equal(t.depth, 1);
    assert.match(t.branch ?? '', /^fork_tracks\[\d\] › /);
    assert.match(t.summary, /^words=[1-9]\d* speech=\d+s$/);
    assert.equal(t.workerVersion, versionOf(CURRENT_BUILD));
  }
  assert.match(report.tasks.find((t) => t.ref === 'align_track')!.summary, /^regions=\d+ speech=\d+s duration=7\ds$/);
  assert.equal(report.tasks.find((t) => t.ref === 'join_tracks')!.summary, 'branches=3/3');
  assert.match(report.tasks.find((t) => t.ref === 'merge_transcripts')!.summary, /^words=\d+ segments=\d+$/);
  assert.ok(report.tasks.every((t) => t.workerId === null || t.workerVersion === versionOf(CURRENT_BUILD)));
});
