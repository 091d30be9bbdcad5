import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openEngine } from '../../src/engine/index.js';
import type { Worker } from '../../src/runtime/worker.js';
import { CURRENT_BUILD, inspectJson, kindsByRef, polyphony, STALE_BUILD, versionOf, waitForState, workerIdAt } from './ops-fixture.js';

/*
 * Each anomaly is produced on purpose on the embedded engine, with tiny
 * workflows and test workers, then `polyphony inspect` (a child process, as a
 * user runs it) must flag exactly it, with its reason.
 */

const home = mkdtempSync(join(tmpdir(), 'polyphony-ops-'));
const dbPath = join(home, 'engine.db');
const env = { POLYPHONY_HOME: home };
after(() => rmSync(home, { recursive: true, force: true }));

const simple = (name: string, ref: string, inputParameters: Record<string, unknown> = {}) => ({ name, taskReferenceName: ref, type: 'SIMPLE', inputParameters });
const worker = (taskType: string, execute: Worker['execute']): Worker => ({ taskType, concurrency: 4, execute });

/** Returns `input.out` after `input.ms`: a stand-in whose output and duration the test chooses. */
const scripted = (taskType: string) =>
  worker(taskType, async (input) => {
    await sleep(Number(input['ms'] ?? 0));
    return (input['out'] ?? {}) as Record<string, unknown>;
  });

const ids: Record<string, string> = {};

before(async () => {
  // Ghost worker: the first task is done by a process of an older build, the rest by the current one.
  const stale = openEngine({ dbPath, workers: [scripted('ops_first')], workerId: workerIdAt(STALE_BUILD) });
  stale.registerTaskDefs([{ name: 'ops_first', retryCount: 0 }, { name: 'ops_rest', retryCount: 0 }]);
  stale.registerWorkflow({
    name: 'ops_ghost',
    tasks: [simple('ops_first', 'first', { out: { n: 1 } }), simple('ops_rest', 'second', { out: { n: 2 } }), simple('ops_rest', 'third', { out: { n: 3 } })],
  });
  ids['ghost'] = await stale.startWorkflow('ops_ghost', {});
  // ops_rest has no worker in this process: the run waits there, as it would for a poller.
  await waitForState(stale, ids['ghost'], 'second to be scheduled', (wf) => wf.tasks.some((t) => t.referenceTaskName === 'second'));
  stale.close();

  const current = openEngine({
    dbPath,
    workerId: workerIdAt(CURRENT_BUILD),
    workers: [
      scripted('ops_rest'),
      scripted('transcribe_track'),
      worker('ops_flaky', async (_input, execution) => {
        if (execution.retryCount < 2) throw new Error(`model server busy (attempt ${execution.retryCount + 1})`);
        return { ok: true };
      }),
    ],
  });
  try {
    const ghost = await current.runUntilDone(ids['ghost']);
    assert.equal(ghost.status, 'COMPLETED');

    current.registerTaskDefs([
      { name: 'transcribe_track', retryCount: 0 },
      { name: 'ops_flaky', retryCount: 3, retryDelaySeconds: 0 },
    ]);
    current.registerWorkflow({
      name: 'ops_results',
      tasks: [
        // 600 s of speech "recognised" at once: no recogniser is that fast.
        simple('transcribe_track', 'fast', { ms: 0, out: { wordCount: 800, speechSec: 600, durationSec: 900 } }),
        // Took a plausible 400 ms for 30 s of speech, and found nothing.
        simple('transcribe_track', 'empty', { ms: 400, out: { wordCount: 0, speechSec: 30, durationSec: 60 } }),
        simple('ops_flaky', 'flaky'),
        {
          name: 'fork',
          taskReferenceName: 'fork',
          type: 'FORK_JOIN',
          forkTasks: [
            [simple('ops_rest', 'left', { out: { side: 'left' } })],
            [{ name: 'mark', taskReferenceName: 'mark', type: 'SET_VARIABLE', inputParameters: { seen: true } }],
          ],
        },
        { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['left', 'mark'] },
      ],
    });
    ids['results'] = await current.startWorkflow('ops_results', {});
    const results = await current.runUntilDone(ids['results']);
    assert.equal(results.status, 'COMPLETED', results.reasonForIncompletion);

    current.registerWorkflow({ name: 'ops_clean', tasks: [simple('transcribe_track', 'normal', { ms: 50, out: { wordCount: 3, speechSec: 2, durationSec: 10 } })] });
    ids['clean'] = await current.startWorkflow('ops_clean', {});
    assert.equal((await current.runUntilDone(ids['clean'])).status, 'COMPLETED');
  } finally {
    current.close();
  }

  // Stuck: a worker that never answers, recorded by an engine whose clock says three hours ago.
  const threeHoursAgo = { now: () => Date.now() - 3 * 3600_000 };
  const hung = openEngine({
    dbPath,
    clock: threeHoursAgo,
    workerId: workerIdAt(CURRENT_BUILD),
    workers: [worker('get_participants', (_input, execution) => new Promise((_resolve, reject) => execution.signal.addEventListener('abort', () => reject(new Error('aborted')))))],
  });
  hung.registerTaskDefs([{ name: 'get_participants', responseTimeoutSeconds: 60 }]);
  hung.registerWorkflow({ name: 'ops_stuck', tasks: [simple('get_participants', 'plan')] });
  ids['stuck'] = await hung.startWorkflow('ops_stuck', {});
  await waitForState(hung, ids['stuck'], 'plan to be IN_PROGRESS', (wf) => wf.tasks[0]?.status === 'IN_PROGRESS');
  hung.close(); // the process "dies": the run stays RUNNING with its task IN_PROGRESS
});

describe('polyphony inspect on the embedded engine', () => {
  test('flags the task done by a worker of another version than the run and the build', async () => {
    const { code, report } = await inspectJson(ids['ghost']!, env);
    assert.equal(code, 3);
    assert.equal(report.currentVersion, versionOf(CURRENT_BUILD));
    assert.deepEqual(kindsByRef(report), { first: ['ghost-worker'] });
    const [ghost] = report.anomalies;
    assert.match(ghost!.reason, new RegExp(`${versionOf(STALE_BUILD).replace('+', '\\+')}.*other tasks ran on ${versionOf(CURRENT_BUILD).replace('+', '\\+')}`));
    const first = report.tasks.find((t) => t.ref === 'first')!;
    assert.equal(first.workerVersion, versionOf(STALE_BUILD));
    assert.equal(first.workerId, workerIdAt(STALE_BUILD));
  });

  test('flags an implausibly fast transcription, an empty result, many retries and a JOIN missing a branch', async () => {
    const { code, report } = await inspectJson(ids['results']!, env);
    assert.equal(code, 3);
    assert.deepEqual(kindsByRef(report), {
      fast: ['implausibly-fast'],
      empty: ['empty-result'],
      flaky: ['many-retries'],
      join: ['join-missing-branches'],
    });
    const reason = (ref: string) => report.anomalies.find((a) => a.ref === ref)!.reason;
    assert.match(reason('fast'), /for 600 s of speech; expected at least 6\.0 s \(1 % of it\)/);
    assert.match(reason('empty'), /0 words recognised from 30\.0 s of speech/);
    assert.match(reason('flaky'), /3 attempts \(now COMPLETED\); last failure: model server busy \(attempt 2\)/);
    assert.match(reason('join'), /lacks 1 of 2 branches: mark/);
    // Every attempt is listed; the summaries read the task's output.
    assert.deepEqual(report.tasks.filter((t) => t.ref === 'flaky').map((t) => [t.attempt, t.attempts, t.status]), [[1, 3, 'FAILED'], [2, 3, 'FAILED'], [3, 3, 'COMPLETED']]);
    assert.equal(report.tasks.find((t) => t.ref === 'fast')!.summary, 'words=800 speech=600s');
    assert.equal(report.tasks.find((t) => t.ref === 'left')!.branch, 'fork[0]');
  });

  test('flags a task IN_PROGRESS past its response timeout, naming its worker', async () => {
    const { code, report } = await inspectJson(ids['stuck']!, env);
    assert.equal(code, 3);
    assert.equal(report.status, 'RUNNING');
    assert.deepEqual(kindsByRef(report), { plan: ['stuck'] });
    // The engine recorded the TaskDef's 60 s response timeout on the task when it started.
    assert.match(report.anomalies[0]!.reason, new RegExp(`IN_PROGRESS for 3 h 0 min without an update; response timeout is 60 s; its worker process ${process.pid} is still running`));
  });

  test('a healthy run has no anomalies and exits 0; the text view shows each task on one line', async () => {
    const { code, report } = await inspectJson(ids['clean']!, env);
    assert.equal(code, 0);
    assert.deepEqual(report.anomalies, []);
    const text = await polyphony(['inspect', ids['clean']!], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ops_clean v1 .* COMPLETED/);
    assert.match(text.stdout, /\nnormal\s+COMPLETED\s+1\s+\S+:\d+\s+0\.1\.0\+ops-current\s+\d+ ms\s+words=3 speech=2s\n/);
    assert.match(text.stdout, /no anomalies\n$/);
    assert.doesNotMatch(text.stdout, /\u001b\[/, 'no colour codes when stdout is not a terminal');
  });

  test('an unknown workflow id is one sentence and exit 1', async () => {
    const r = await polyphony(['inspect', 'no-such-run'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^polyphony: no workflow no-such-run in embedded \(.*engine\.db\)\n$/);
    const empty = mkdtempSync(join(tmpdir(), 'polyphony-ops-empty-'));
    try {
      const none = await polyphony(['inspect', 'no-such-run', '--engine', 'embedded'], { POLYPHONY_HOME: empty });
      assert.equal(none.code, 1);
      assert.match(none.stderr, /^polyphony: no engine database at .*engine\.db \(is POLYPHONY_HOME right\?\)\n$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
