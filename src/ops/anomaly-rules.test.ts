import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RuleContext } from './anomaly.js';
import { findAnomalies } from './anomaly-rules.js';
import { forkBranchLabels } from './fork-branches.js';
import { runRecordSchema } from './run-record.js';
import { viewTasks, type RunView } from './run-view.js';
import { summarizeTask } from './task-summary.js';

const NOW = 1_800_000_000_000;
const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  now: NOW,
  currentVersion: '1.0.0+new',
  responseTimeoutSeconds: (type) => (type === 'get_participants' ? 60 : undefined),
  workerAlive: () => undefined,
  ...over,
});

let seq = 0;
/** A task as Conductor's API returns it: absent fields null, times in ms. */
const task = (ref: string, over: Record<string, unknown> = {}) => ({
  taskId: `id-${ref}-${++seq}`,
  taskType: ref,
  taskDefName: ref,
  referenceTaskName: ref,
  workflowInstanceId: 'wf',
  status: 'COMPLETED',
  inputData: {},
  outputData: {},
  workerId: 'h:1:1.0.0+new',
  retryCount: 0,
  seq,
  startTime: NOW - 10_000,
  endTime: NOW - 5_000,
  updateTime: NOW - 5_000,
  reasonForIncompletion: null,
  subWorkflowId: null,
  workflowTask: { type: 'SIMPLE' },
  ...over,
});

function view(tasks: Record<string, unknown>[], definition?: unknown): RunView {
  const run = runRecordSchema.parse({ workflowId: 'wf', workflowName: 'w', status: 'RUNNING', tasks, workflowDefinition: definition });
  return {
    workflowId: 'wf', workflowName: 'w', workflowVersion: 1, status: run.status, reason: undefined, startTime: 0, endTime: 0,
    tasks: viewTasks(run, 0, undefined, forkBranchLabels(definition, run.tasks)),
    missingSubWorkflows: [],
  };
}
const kinds = (v: RunView, c = ctx()) => findAnomalies(v, c).map((a) => `${a.ref}:${a.kind}`);

describe('ghost-worker rule', () => {
  test('a run done wholly by another build is flagged once, not on every task', () => {
    const v = view([task('a', { workerId: 'h:1:0.9.0+old' }), task('b', { workerId: 'h:1:0.9.0+old' })]);
    const found = findAnomalies(v, ctx());
    assert.deepEqual(found.map((a) => a.ref), ['a']);
    assert.match(found[0]!.reason, /2 tasks of this run ran at version 0\.9\.0\+old \(worker h:1:0\.9\.0\+old\); this build is 1\.0\.0\+new/);
  });

  test('on a tie the current build is the norm; without a known build only the minority is flagged', () => {
    const v = view([task('a', { workerId: 'h:1:0.9.0+old' }), task('b')]);
    assert.deepEqual(kinds(v), ['a:ghost-worker']);
    const v3 = view([task('a', { workerId: 'h:1:0.9.0+old' }), task('b'), task('c')]);
    assert.deepEqual(kinds(v3, ctx({ currentVersion: undefined })), ['a:ghost-worker']);
  });

  test('system tasks and worker ids of other clients (no version) are not judged', () => {
    assert.deepEqual(kinds(view([task('join', { workerId: null, workflowTask: { type: 'JOIN' } }), task('x', { workerId: 'conductor-host' })])), []);
  });
});

describe('speed and empty-result rules', () => {
  test('transcription under 1 % of its speech is too fast; exactly 1 % is not', () => {
    const out = { wordCount: 5, speechSec: 100 };
    assert.deepEqual(kinds(view([task('transcribe_track', { outputData: out, startTime: NOW - 999, endTime: NOW })])), ['transcribe_track:implausibly-fast']);
    assert.deepEqual(kinds(view([task('transcribe_track', { outputData: out, startTime: NOW - 1000, endTime: NOW })])), []);
  });

  test('alignment is judged at 0.1 % of its audio', () => {
    const out = { regionCount: 3, speechSec: 30, durationSec: 3600 };
    assert.deepEqual(kinds(view([task('align_track', { outputData: out, startTime: NOW - 3000, endTime: NOW })])), ['align_track:implausibly-fast']);
    assert.deepEqual(kinds(view([task('align_track', { outputData: out, startTime: NOW - 3600, endTime: NOW })])), []);
  });

  test('0 words from 2 s of speech or less is not an anomaly; a merge of 0 words is', () => {
    assert.deepEqual(kinds(view([task('transcribe_track', { outputData: { wordCount: 0, speechSec: 2 } })])), []);
    assert.deepEqual(kinds(view([task('merge_transcripts', { outputData: { wordCount: 0, segmentCount: 0 } })])), ['merge_transcripts:empty-result']);
  });
});

describe('stuck-task and retry rules', () => {
  const inProgress = (over: Record<string, unknown>) => task('get_participants', { status: 'IN_PROGRESS', endTime: 0, ...over });

  test("Conductor's per-task responseTimeoutSeconds wins over the TaskDef file", () => {
    const quiet = { startTime: NOW - 30_000, updateTime: NOW - 30_000 };
    assert.deepEqual(kinds(view([inProgress(quiet)])), [], '30 s is within the TaskDef 60 s');
    assert.deepEqual(kinds(view([inProgress({ ...quiet, responseTimeoutSeconds: 10 })])), ['get_participants:stuck']);
  });

  test('says when the worker process on this host is gone; JOINs and SCHEDULED tasks are not stuck', () => {
    const old = { startTime: NOW - 600_000, updateTime: NOW - 600_000 };
    const found = findAnomalies(view([inProgress(old)]), ctx({ workerAlive: () => false }));
    assert.match(found[0]!.reason, /IN_PROGRESS for 10 min without an update; response timeout is 60 s; its worker process 1 is gone/);
    assert.deepEqual(kinds(view([inProgress({ ...old, workflowTask: { type: 'JOIN' } }), task('x', { status: 'SCHEDULED', ...old })])), []);
  });

  test('two attempts are normal; the third is flagged on the latest attempt with the last failure', () => {
    const failed = (n: number) => task('flaky', { status: 'FAILED', retryCount: n, reasonForIncompletion: `boom ${n}` });
    assert.deepEqual(kinds(view([failed(0), task('flaky', { retryCount: 1 })])), []);
    const found = findAnomalies(view([failed(0), failed(1), task('flaky', { retryCount: 2 })]), ctx());
    assert.equal(found.length, 1);
    assert.match(found[0]!.reason, /3 attempts \(now COMPLETED\); last failure: boom 1/);
  });
});

describe('run view', () => {
  test('labels static (nested) and dynamic fork branches', () => {
    const definition = {
      tasks: [
        { taskReferenceName: 'outer', type: 'FORK_JOIN', forkTasks: [[{ taskReferenceName: 'a' }], [{ taskReferenceName: 'inner', type: 'FORK_JOIN', forkTasks: [[{ taskReferenceName: 'b' }]] }]] },
        { taskReferenceName: 'dyn', type: 'FORK_JOIN_DYNAMIC' },
      ],
    };
    const v = view([task('a'), task('b'), task('dyn', { inputData: { forkedTasks: ['x0', 'x1'] }, workflowTask: { type: 'FORK_JOIN_DYNAMIC' } }), task('x1')], definition);
    assert.deepEqual(v.tasks.map((t) => [t.ref, t.branch]), [['a', 'outer[0]'], ['b', 'inner[0]'], ['dyn', undefined], ['x1', 'dyn[1]']]);
  });

  test('summaries: failures show their reason, generic outputs skip our _worker', () => {
    const v = view([
      task('get_participants', { status: 'FAILED', reasonForIncompletion: 'no such file: bob.webm\nstack…' }),
      task('generate_title', { outputData: { _worker: 'h:1:v', title: 'Budget', nested: { a: 1 }, tags: [1, 2] } }),
    ]);
    assert.deepEqual(v.tasks.map((t) => summarizeTask(t, NOW)), ['no such file: bob.webm', 'title=Budget tags=[2]']);
    const running = view([task('transcribe_track', { status: 'IN_PROGRESS', startTime: NOW - 12_000, endTime: 0 }), task('finalize', { status: 'SCHEDULED' })]);
    assert.deepEqual(running.tasks.map((t) => summarizeTask(t, NOW)), ['running for 12 s', 'waiting for a worker']);
  });
});
