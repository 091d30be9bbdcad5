import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { workflowSchema } from '../../src/engine/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/engine/fixtures');
const home = mkdtempSync(join(tmpdir(), 'polyphony-cli-'));
after(() => rmSync(home, { recursive: true, force: true }));

function polyphony(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'workflow', ...args], {
    cwd: root,
    env: { ...process.env, POLYPHONY_HOME: home },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workers = ['--workers', join(fixtures, 'step-workers.ts')];

it('run prints the final Workflow JSON and exits 0 when it COMPLETED; get and list find it', () => {
  const run = polyphony('run', join(fixtures, 'steps.json'), '--input', '{"value":3,"ms":1}', ...workers);
  assert.equal(run.code, 0, run.stderr);
  const wf = workflowSchema.parse(JSON.parse(run.stdout));
  assert.equal(wf.status, 'COMPLETED');
  assert.deepEqual(wf.output, { final: 48, side: 2 });

  const got = polyphony('get', wf.workflowId);
  assert.deepEqual(JSON.parse(got.stdout), wf);
  const listed = polyphony('list', '--status', 'COMPLETED', '--json');
  assert.deepEqual((JSON.parse(listed.stdout) as { workflowId: string }[]).map((w) => w.workflowId), [wf.workflowId]);
  assert.match(polyphony('list').stdout, new RegExp(`${wf.workflowId}\\s+COMPLETED`));
});

it('run exits non-zero on a failed workflow, still printing the JSON; retry finishes it', () => {
  const def = join(home, 'failing.json');
  writeFileSync(def, JSON.stringify({
    name: 'cli_failing',
    tasks: [{ name: 'conf_flaky', taskReferenceName: 'flaky', inputParameters: { failTimes: 1 } }],
  }));
  const taskDefs = join(home, 'task-defs.json');
  writeFileSync(taskDefs, JSON.stringify([{ name: 'conf_flaky', retryCount: 0 }]));
  const run = polyphony('run', def, taskDefs, ...workers);
  assert.equal(run.code, 1);
  const failed = JSON.parse(run.stdout) as { workflowId: string; status: string };
  assert.equal(failed.status, 'FAILED');

  // The retried task is attempt 2 (retryCount 1), which conf_flaky lets through.
  const retried = polyphony('retry', failed.workflowId, ...workers);
  assert.equal(retried.code, 0, retried.stderr);
  assert.equal(JSON.parse(retried.stdout).status, 'COMPLETED');
  const again = polyphony('retry', failed.workflowId);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is COMPLETED; only FAILED, TIMED_OUT or TERMINATED workflows can be retried/);
});

it('rejects an invalid definition before running anything, naming each problem by path', () => {
  const def = join(home, 'invalid.json');
  writeFileSync(def, JSON.stringify({
    name: 'cli_invalid',
    tasks: [
      { name: 'step', taskReferenceName: 'a', inputParameters: { v: '${mixdwn.output.x}' } },
      { name: 'unknown_worker', taskReferenceName: 'b', inputParameters: {} },
    ],
  }));
  const run = polyphony('run', def, ...workers);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /tasks\[0\]\.inputParameters\.v: unknown reference 'mixdwn'/);
  assert.match(run.stderr, /tasks\[1\]\.name: no worker registered for task type 'unknown_worker'/);
  assert.doesNotMatch(polyphony('list').stdout, /cli_invalid/);
});
