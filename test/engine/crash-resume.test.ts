import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openEngine, type Workflow } from '../../src/engine/index.js';
import { stepWorker } from './fixtures/step-workers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/engine/fixtures');
const home = mkdtempSync(join(tmpdir(), 'polyphony-crash-'));
after(() => rmSync(home, { recursive: true, force: true }));

const INPUT = { value: 3, ms: 300 };

function countLines(log: string, line: string): number {
  if (!existsSync(log)) return 0;
  return readFileSync(log, 'utf8').split('\n').filter((l) => l === line).length;
}

/** Each task's output without the recording of which process ran it. */
function outputsByRef(wf: Workflow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of wf.tasks) {
    const { _worker, ...rest } = t.outputData;
    out[t.referenceTaskName] = rest;
  }
  return out;
}

it('a run killed with SIGKILL resumes in another process without re-running completed tasks', async () => {
  const log = join(home, 'steps.log');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'workflow', 'run', join(fixtures, 'steps.json'), '--input', JSON.stringify(INPUT), '--workers', join(fixtures, 'step-workers.ts')],
    { cwd: root, env: { ...process.env, POLYPHONY_HOME: home, STEP_LOG: log }, stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  // Kill it while the fork's tasks are in flight: s1 and s2 are done, s3a/s3b are running.
  const deadline = Date.now() + 20_000;
  while (countLines(log, 'start s3a') === 0) {
    assert.ok(Date.now() < deadline, 'the child never reached the fork');
    await sleep(10);
  }
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `child exited by itself (code ${String(code)})`);
  assert.equal(countLines(log, 'done s3a'), 0, 'killed before s3a finished');

  process.env['STEP_LOG'] = log;
  const engine = openEngine({ dbPath: join(home, 'engine.db'), workers: [stepWorker], workerId: 'resumer:2:test' });
  try {
    const [crashed] = engine.listWorkflows({ status: 'RUNNING' });
    assert.ok(crashed, 'the killed run is left RUNNING');
    const before = engine.getWorkflow(crashed.workflowId, true)!;
    const s3a = before.tasks.find((t) => t.referenceTaskName === 's3a');
    assert.equal(s3a?.status, 'IN_PROGRESS');

    engine.resume(crashed.workflowId);
    const resumed = await engine.runUntilDone(crashed.workflowId, { signal: AbortSignal.timeout(20_000) });
    assert.equal(resumed.status, 'COMPLETED');

    // Completed tasks ran once; the one in flight was rescheduled under the same taskId.
    for (const ref of ['s1', 's2']) {
      assert.equal(countLines(log, `start ${ref}`), 1, `${ref} started once`);
      assert.equal(countLines(log, `done ${ref}`), 1, `${ref} finished once`);
    }
    assert.equal(countLines(log, 'start s3a'), 2);
    assert.equal(countLines(log, 'done s3a'), 1);
    assert.equal(countLines(log, 'done s4'), 1);
    const again = resumed.tasks.filter((t) => t.referenceTaskName === 's3a');
    assert.equal(again.length, 1);
    assert.equal(again[0]?.taskId, s3a?.taskId);
    assert.equal(again[0]?.pollCount, 2);
    // Who ran what is recorded: the killed process for s1, the resuming one for s4.
    assert.notEqual(resumed.tasks.find((t) => t.referenceTaskName === 's1')?.workerId, 'resumer:2:test');
    assert.equal(resumed.tasks.find((t) => t.referenceTaskName === 's4')?.workerId, 'resumer:2:test');

    // The same workflow run without interruption ends the same way.
    delete process.env['STEP_LOG'];
    const id = await engine.startWorkflow('steps', INPUT);
    const clean = await engine.runUntilDone(id, { signal: AbortSignal.timeout(20_000) });
    assert.equal(clean.status, 'COMPLETED');
    assert.deepEqual(resumed.output, clean.output);
    assert.deepEqual(outputsByRef(resumed), outputsByRef(clean));
  } finally {
    delete process.env['STEP_LOG'];
    engine.close();
  }
});

it('refuses to take over a workflow whose tasks a live process on this host is running', async () => {
  const log = join(home, 'live.log');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'workflow', 'run', join(fixtures, 'steps.json'), '--input', JSON.stringify({ value: 1, ms: 20_000 }), '--workers', join(fixtures, 'step-workers.ts')],
    { cwd: root, env: { ...process.env, POLYPHONY_HOME: join(home, 'live'), STEP_LOG: log }, stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  const engine = openEngine({ dbPath: join(home, 'live', 'engine.db'), workers: [stepWorker], workerId: 'other:3:test' });
  try {
    const deadline = Date.now() + 20_000;
    while (countLines(log, 'start s1') === 0) {
      assert.ok(Date.now() < deadline, 'the child never started s1');
      await sleep(10);
    }
    const [live] = engine.listWorkflows({ status: 'RUNNING' });
    assert.ok(live);
    assert.throws(() => engine.resume(live.workflowId), new RegExp(`in process [^:]+:${child.pid}:.*still running`));
    await assert.rejects(engine.runUntilDone(live.workflowId), /still running/);
  } finally {
    child.kill('SIGKILL');
    await exited;
    engine.close();
  }
});

it('survives repeated SIGKILLs at arbitrary moments without re-running a task recorded as completed', async () => {
  const dir = join(home, 'repeated');
  const log = join(dir, 'steps.log');
  const input = { value: 5, ms: 60 };
  const lines = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  const checkpoints: { completed: Set<string>; lineCount: number }[] = [];
  let id: string | undefined;
  for (let kill = 0; kill < 4; kill++) {
    const args = id === undefined
      ? ['workflow', 'run', join(fixtures, 'steps.json'), '--input', JSON.stringify(input)]
      : ['workflow', 'resume', id];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--workers', join(fixtures, 'step-workers.ts')], {
      cwd: root,
      env: { ...process.env, POLYPHONY_HOME: dir, STEP_LOG: log },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    // Wait for the process to do some work, then kill it a random moment later.
    const before = lines().length;
    const deadline = Date.now() + 20_000;
    while (lines().length === before && child.exitCode === null) {
      assert.ok(Date.now() < deadline, 'the child never started a task');
      await sleep(5);
    }
    await sleep(Math.floor(Math.random() * 120));
    child.kill('SIGKILL');
    await exited;
    const engine = openEngine({ dbPath: join(dir, 'engine.db'), workers: [] });
    try {
      const [wf] = engine.listWorkflows({});
      id = wf?.workflowId;
      const tasks = id === undefined ? [] : engine.getWorkflow(id, true)!.tasks;
      checkpoints.push({ completed: new Set(tasks.filter((t) => t.status === 'COMPLETED').map((t) => t.referenceTaskName)), lineCount: lines().length });
      if (wf?.status === 'COMPLETED') break;
    } finally {
      engine.close();
    }
  }
  assert.ok(id, 'the workflow was started');

  process.env['STEP_LOG'] = log;
  const engine = openEngine({ dbPath: join(dir, 'engine.db'), workers: [stepWorker] });
  try {
    const current = engine.getWorkflow(id)!;
    const done = current.status === 'RUNNING' ? (engine.resume(id), await engine.runUntilDone(id, { signal: AbortSignal.timeout(20_000) })) : current;
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.output, { final: 80, side: 2 });
    const all = lines();
    for (const { completed, lineCount } of checkpoints) {
      for (const ref of completed) {
        assert.equal(all.slice(lineCount).filter((l) => l === `start ${ref}`).length, 0, `${ref} ran again after it was recorded COMPLETED`);
      }
    }
  } finally {
    delete process.env['STEP_LOG'];
    engine.close();
  }
});
