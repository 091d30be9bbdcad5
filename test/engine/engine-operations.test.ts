import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, beforeEach, describe, it } from 'node:test';
import { openEngine, workflowSchema, type Engine, type Task, type Workflow } from '../../src/engine/index.js';
import { terminalFailure } from '../../src/runtime/task-failure.js';
import type { Worker } from '../../src/runtime/worker.js';

const dir = mkdtempSync(join(tmpdir(), 'polyphony-engine-ops-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let dbCount = 0;

/** Workers whose behaviour each test switches through `state`. */
function makeWorkers() {
  const state = { broken: true, holdMs: 5000, executions: new Map<string, number>(), aborted: [] as string[], running: 0, maxRunning: 0 };
  const count = (ref: string): void => {
    state.executions.set(ref, (state.executions.get(ref) ?? 0) + 1);
  };
  const workers: Worker[] = [
    {
      taskType: 'ok',
      concurrency: 4,
      execute: async (input, execution) => {
        count(execution.referenceTaskName);
        return { echo: input['v'] ?? null };
      },
    },
    {
      taskType: 'toggle',
      concurrency: 4,
      execute: async (_input, execution) => {
        count(execution.referenceTaskName);
        if (state.broken) throw terminalFailure('broken on purpose');
        return { fixed: true };
      },
    },
    {
      taskType: 'hold',
      concurrency: 1,
      execute: async (_input, execution) => {
        count(execution.referenceTaskName);
        state.running++;
        state.maxRunning = Math.max(state.maxRunning, state.running);
        try {
          await sleep(state.holdMs, undefined, { signal: execution.signal });
          return { held: state.holdMs };
        } catch (error) {
          state.aborted.push(execution.referenceTaskName);
          throw error;
        } finally {
          state.running--;
        }
      },
    },
    {
      taskType: 'flaky',
      concurrency: 4,
      execute: async (_input, execution) => {
        count(execution.referenceTaskName);
        if (execution.retryCount < 1) throw new Error('first attempt fails');
        return { attempt: execution.retryCount };
      },
    },
  ];
  return { workers, state };
}

const attempts = (wf: Workflow, ref: string): Task[] => wf.tasks.filter((t) => t.referenceTaskName === ref).sort((a, b) => a.seq - b.seq);

const WAIT = { signal: AbortSignal.timeout(30_000) };

/** Polls until `ready` holds (the machine may be slow; fixed sleeps would make tests flaky). */
async function until(what: string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('engine operations', () => {
  let engine: Engine;
  let state: ReturnType<typeof makeWorkers>['state'];
  let dbPath: string;

  beforeEach(() => {
    engine?.close();
    const made = makeWorkers();
    state = made.state;
    dbPath = join(dir, `engine-${++dbCount}.db`);
    engine = openEngine({ dbPath, workers: made.workers, workerId: 'host:42:1.0.0+test' });
    engine.registerTaskDefs([
      { name: 'toggle', retryCount: 0 },
      { name: 'ok', retryCount: 0 },
      { name: 'hold', retryCount: 0, timeoutSeconds: 60, responseTimeoutSeconds: 60 },
      { name: 'flaky', retryCount: 1, retryLogic: 'FIXED', retryDelaySeconds: 1 },
    ]);
    engine.registerWorkflow({
      name: 'forked',
      tasks: [
        { name: 'ok', taskReferenceName: 'first', inputParameters: { v: 1 } },
        {
          name: 'fork',
          taskReferenceName: 'fork',
          type: 'FORK_JOIN',
          forkTasks: [
            [{ name: 'toggle', taskReferenceName: 'fragile', inputParameters: {} }],
            [{ name: 'hold', taskReferenceName: 'slow', inputParameters: {} }],
          ],
        },
        { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['fragile', 'slow'] },
        { name: 'ok', taskReferenceName: 'last', inputParameters: { v: '${join.output.fragile.fixed}' } },
      ],
    });
  });
  after(() => engine.close());

  it('retry re-creates the failed and cancelled tasks and does not re-run completed ones', async () => {
    const id = await engine.startWorkflow('forked', {});
    const failed = await engine.runUntilDone(id, WAIT);
    assert.equal(failed.status, 'FAILED');
    assert.equal(attempts(failed, 'slow')[0]?.status, 'CANCELED');
    await sleep(10);
    assert.deepEqual(state.aborted, ['slow'], 'the running sibling was aborted');
    assert.equal(attempts(failed, 'join')[0]?.status, 'CANCELED');

    state.broken = false;
    state.holdMs = 10;
    engine.retry(id);
    const done = await engine.runUntilDone(id, WAIT);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(state.executions.get('first'), 1);
    for (const ref of ['fragile', 'slow']) {
      const [old, fresh] = attempts(done, ref);
      assert.equal(old?.retried, true, `${ref} old attempt kept, marked retried`);
      assert.equal(fresh?.retriedTaskId, old?.taskId);
      assert.equal(fresh?.retryCount, 1);
      assert.equal(fresh?.status, 'COMPLETED');
    }
    // As Conductor, the cancelled JOIN goes back to IN_PROGRESS in place.
    assert.deepEqual(attempts(done, 'join').map((t) => t.status), ['COMPLETED']);
    assert.deepEqual(done.failedReferenceTaskNames, ['fragile']);
    assert.equal(attempts(done, 'last')[0]?.inputData['v'], true);
    assert.equal(done.reasonForIncompletion, undefined);
  });

  it('retry continues a DO_WHILE and a dynamic fork from the failed iteration and branch', async () => {
    engine.registerWorkflow({
      name: 'loop_and_fan',
      tasks: [
        {
          name: 'loop',
          taskReferenceName: 'loop',
          type: 'DO_WHILE',
          inputParameters: {},
          loopCondition: '$.loop.iteration < 2',
          loopOver: [
            { name: 'ok', taskReferenceName: 'body_ok', inputParameters: {} },
            { name: 'toggle', taskReferenceName: 'body_toggle', inputParameters: {} },
          ],
        },
        { name: 'fan', taskReferenceName: 'fan', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'ok', forkTaskInputs: [{ v: 1 }, { v: 2 }] } },
        { name: 'fan_join', taskReferenceName: 'fan_join', type: 'JOIN' },
      ],
    });
    const id = await engine.startWorkflow('loop_and_fan', {});
    const failed = await engine.runUntilDone(id, WAIT);
    assert.equal(failed.status, 'FAILED');
    assert.equal(attempts(failed, 'loop')[0]?.status, 'CANCELED');

    state.broken = false;
    engine.retry(id);
    const done = await engine.runUntilDone(id, WAIT);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(state.executions.get('body_ok__1'), 1, 'the completed task of iteration 1 did not run again');
    assert.equal(state.executions.get('body_ok__2'), 1);
    assert.equal(attempts(done, 'loop')[0]?.outputData['iteration'], 2);
    assert.deepEqual(Object.keys(attempts(done, 'fan_join')[0]!.outputData).sort(), ['_ok_0', '_ok_1']);
  });

  it('restart runs every task again from the start', async () => {
    state.broken = false;
    state.holdMs = 10;
    const id = await engine.startWorkflow('forked', {});
    const first = await engine.runUntilDone(id, WAIT);
    engine.restart(id);
    const second = await engine.runUntilDone(id, WAIT);
    assert.equal(second.status, 'COMPLETED');
    assert.equal(second.tasks.length, first.tasks.length);
    assert.equal(state.executions.get('first'), 2);
    const before = new Set(first.tasks.map((t) => t.taskId));
    assert.ok(second.tasks.every((t) => !before.has(t.taskId)));
  });

  it('pause lets running tasks finish but schedules nothing new until resume', async () => {
    state.holdMs = 150;
    engine.registerWorkflow({
      name: 'two',
      tasks: [
        { name: 'hold', taskReferenceName: 'h1', inputParameters: {} },
        { name: 'ok', taskReferenceName: 'o2', inputParameters: {} },
      ],
    });
    const id = await engine.startWorkflow('two', {});
    await until('h1 to run', () => state.running === 1);
    engine.pause(id);
    const paused = await engine.runUntilDone(id, WAIT);
    assert.equal(paused.status, 'PAUSED');
    await until('h1 to finish', () => attempts(engine.getWorkflow(id)!, 'h1')[0]?.status === 'COMPLETED');
    // Give the engine the chance it would need to schedule o2, were it not paused.
    await sleep(100);
    const still = engine.getWorkflow(id)!;
    assert.equal(still.status, 'PAUSED');
    assert.equal(attempts(still, 'o2').length, 0);
    engine.resume(id);
    const done = await engine.runUntilDone(id, WAIT);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(attempts(done, 'o2').length, 1);
  });

  it('terminate cancels running tasks, aborts their workers and records the reason', async () => {
    const id = await engine.startWorkflow('forked', {});
    state.broken = false;
    const ended = engine.runUntilDone(id, WAIT);
    await until('slow to run', () => attempts(engine.getWorkflow(id)!, 'slow')[0]?.status === 'IN_PROGRESS');
    engine.terminate(id, 'stopped by test');
    const wf = await ended;
    assert.equal(wf.status, 'TERMINATED');
    assert.equal(wf.reasonForIncompletion, 'stopped by test');
    assert.equal(attempts(wf, 'slow')[0]?.status, 'CANCELED');
    await sleep(10);
    assert.deepEqual(state.aborted, ['slow']);
    assert.throws(() => engine.terminate(id), /already TERMINATED/);
  });

  it('aborts the worker of a task that times out, and times the workflow out under TIME_OUT_WF', async () => {
    engine.registerTaskDefs([{ name: 'hold', retryCount: 0, timeoutSeconds: 0.2, timeoutPolicy: 'TIME_OUT_WF', responseTimeoutSeconds: 0.2 }]);
    engine.registerWorkflow({ name: 'hold_once', tasks: [{ name: 'hold', taskReferenceName: 'h', inputParameters: {} }] });
    const wf = await engine.runUntilDone(await engine.startWorkflow('hold_once', {}), WAIT);
    assert.equal(wf.status, 'TIMED_OUT');
    assert.equal(attempts(wf, 'h')[0]?.status, 'TIMED_OUT');
    await sleep(10);
    assert.deepEqual(state.aborted, ['h']);
  });

  it('close aborts running workers and leaves the run RUNNING for a later resume', async () => {
    engine.registerWorkflow({ name: 'hold_twice', tasks: [{ name: 'hold', taskReferenceName: 'h', inputParameters: {} }] });
    const id = await engine.startWorkflow('hold_twice', {});
    await until('h to run', () => state.running === 1);
    engine.close();
    await sleep(10);
    assert.deepEqual(state.aborted, ['h']);
    const made = makeWorkers();
    made.state.holdMs = 1;
    engine = openEngine({ dbPath, workers: made.workers });
    assert.equal(engine.getWorkflow(id)?.status, 'RUNNING');
    const done = await engine.runUntilDone(id, WAIT);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(made.state.executions.get('h'), 1);
  });

  it('terminating a parent terminates its running sub-workflow', async () => {
    engine.registerWorkflow({ name: 'holding_child', tasks: [{ name: 'hold', taskReferenceName: 'child_hold', inputParameters: {} }] });
    engine.registerWorkflow({
      name: 'holding_parent',
      tasks: [{ name: 'holding_child', taskReferenceName: 'sub', type: 'SUB_WORKFLOW', subWorkflowParam: { name: 'holding_child' }, inputParameters: {} }],
    });
    const id = await engine.startWorkflow('holding_parent', {});
    await until('the child task to run', () => state.running === 1);
    const childId = engine.getWorkflow(id)?.tasks[0]?.subWorkflowId;
    assert.ok(childId);
    engine.terminate(id, 'stop all');
    assert.equal(engine.getWorkflow(id)?.status, 'TERMINATED');
    const child = engine.getWorkflow(childId)!;
    assert.equal(child.status, 'TERMINATED');
    assert.equal(child.tasks[0]?.status, 'CANCELED');
    await sleep(10);
    assert.deepEqual(state.aborted, ['child_hold']);
  });

  it('notices a terminate made by another engine on the same database and aborts its workers', async () => {
    const id = await engine.startWorkflow('forked', {});
    state.broken = false;
    const ended = engine.runUntilDone(id, WAIT);
    await until('slow to run', () => attempts(engine.getWorkflow(id)!, 'slow')[0]?.status === 'IN_PROGRESS');
    const other = openEngine({ dbPath, workers: [] });
    try {
      other.terminate(id, 'from another process');
    } finally {
      other.close();
    }
    const wf = await ended;
    assert.equal(wf.status, 'TERMINATED');
    assert.equal(wf.reasonForIncompletion, 'from another process');
    assert.equal(attempts(wf, 'slow')[0]?.status, 'CANCELED');
    await sleep(10);
    assert.deepEqual(state.aborted, ['slow']);
    // The driving engine did not write its stale view back over the terminate.
    await sleep(50);
    assert.equal(engine.getWorkflow(id)?.status, 'TERMINATED');
    assert.equal(openEngine({ dbPath, workers: [] }).getWorkflow(id)?.status, 'TERMINATED');
  });

  it('records the worker id on each task and as _worker in its output', async () => {
    state.broken = false;
    state.holdMs = 1;
    const wf = await engine.runUntilDone(await engine.startWorkflow('forked', {}), WAIT);
    const first = attempts(wf, 'first')[0]!;
    assert.equal(first.workerId, 'host:42:1.0.0+test');
    assert.equal(first.outputData['_worker'], 'host:42:1.0.0+test');
    assert.equal(attempts(wf, 'fork')[0]?.workerId, undefined, 'system tasks have no worker');
  });

  it('reports every recorded change to onChange, ending with the final state', async () => {
    state.broken = false;
    state.holdMs = 1;
    const seen: string[] = [];
    const wf = await engine.runUntilDone(await engine.startWorkflow('forked', {}), {
      ...WAIT,
      onChange: (w) => {
        const first = w.tasks.find((t) => t.referenceTaskName === 'first');
        seen.push(`${w.status}:${first?.status ?? '-'}`);
      },
    });
    assert.equal(seen[seen.length - 1], 'COMPLETED:COMPLETED');
    assert.ok(seen.includes('RUNNING:COMPLETED'), seen.join(' '));
    assert.ok(seen.length >= 3);
    assert.equal(wf.status, 'COMPLETED');
  });

  it('keeps every workflow and task in SQLite in Conductor JSON shape', async () => {
    state.broken = false;
    state.holdMs = 1;
    const id = await engine.startWorkflow('forked', { x: 1 }, { correlationId: 'rec-1' });
    const wf = await engine.runUntilDone(id, WAIT);
    engine.close();
    engine = openEngine({ dbPath, workers: [] });
    const reread = engine.getWorkflow(id, true);
    assert.deepEqual(reread, wf);
    workflowSchema.parse(reread);
    assert.equal(reread?.correlationId, 'rec-1');
    assert.deepEqual(engine.listWorkflows({ status: 'COMPLETED' }).map((w) => w.workflowId), [id]);
    assert.deepEqual(engine.listWorkflows({ status: 'FAILED' }), []);
  });

  it('waits retryDelaySeconds before a retry', async () => {
    engine.registerWorkflow({ name: 'flaky_once', tasks: [{ name: 'flaky', taskReferenceName: 'f', inputParameters: {} }] });
    const wf = await engine.runUntilDone(await engine.startWorkflow('flaky_once', {}), WAIT);
    assert.equal(wf.status, 'COMPLETED');
    const [first, second] = attempts(wf, 'f');
    assert.equal(second?.startDelayInSeconds, 1);
    assert.ok(second!.startTime - first!.endTime >= 1000, `retried after ${second!.startTime - first!.endTime} ms`);
  });

  it('runs no more executions at once than the worker concurrency', async () => {
    state.holdMs = 40;
    engine.registerWorkflow({
      name: 'many_holds',
      tasks: [
        { name: 'fan', taskReferenceName: 'fan', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'hold', forkTaskInputs: [{}, {}, {}, {}] } },
        { name: 'fan_join', taskReferenceName: 'fan_join', type: 'JOIN' },
      ],
    });
    const wf = await engine.runUntilDone(await engine.startWorkflow('many_holds', {}), WAIT);
    assert.equal(wf.status, 'COMPLETED');
    assert.equal(state.maxRunning, 1);
  });

  it('retrying a parent whose sub-workflow failed retries the child from its failed task', async () => {
    engine.registerWorkflow({
      name: 'child_wf',
      tasks: [
        { name: 'ok', taskReferenceName: 'c_first', inputParameters: {} },
        { name: 'toggle', taskReferenceName: 'c_fragile', inputParameters: {} },
      ],
      outputParameters: { fixed: '${c_fragile.output.fixed}' },
    });
    engine.registerWorkflow({
      name: 'parent_wf',
      tasks: [
        { name: 'child_wf', taskReferenceName: 'sub', type: 'SUB_WORKFLOW', subWorkflowParam: { name: 'child_wf' }, inputParameters: {} },
        { name: 'ok', taskReferenceName: 'p_last', inputParameters: { v: '${sub.output.fixed}' } },
      ],
    });
    const id = await engine.startWorkflow('parent_wf', {});
    const failed = await engine.runUntilDone(id, WAIT);
    assert.equal(failed.status, 'FAILED');
    const childId = attempts(failed, 'sub')[0]?.subWorkflowId;
    assert.equal(engine.getWorkflow(childId!)?.status, 'FAILED');

    state.broken = false;
    engine.retry(id);
    const done = await engine.runUntilDone(id, WAIT);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(attempts(done, 'sub')[1]?.subWorkflowId, childId, 'the same child was resumed');
    assert.equal(state.executions.get('c_first'), 1);
    assert.equal(attempts(done, 'p_last')[0]?.inputData['v'], true);
  });

  it('refuses operations that do not fit the state', async () => {
    state.broken = false;
    state.holdMs = 1;
    const id = await engine.startWorkflow('forked', {});
    await engine.runUntilDone(id, WAIT);
    assert.throws(() => engine.retry(id), /COMPLETED; only FAILED, TIMED_OUT or TERMINATED/);
    assert.throws(() => engine.pause(id), /only a RUNNING workflow/);
    assert.throws(() => engine.resume(id), /only PAUSED or RUNNING/);
    await assert.rejects(engine.startWorkflow('nope', {}), /no workflow definition 'nope'/);
  });
});
