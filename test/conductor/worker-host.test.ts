import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConductorRequestError,
  registerDefinitions,
  SHUTDOWN_REASON,
  WorkerHost,
  WorkerHostState,
  type ConductorTask,
} from '../../src/conductor/index.js';
import { terminalFailure } from '../../src/runtime/task-failure.js';
import type { Worker } from '../../src/runtime/worker.js';
import { parseWorkerId, workerId } from '../../src/runtime/worker-identity.js';
import { conductorUnavailable, eventually, startHarness, waitForTerminal, type ConductorHarness } from './conductor-fixture.js';

const skip = conductorUnavailable();

const worker = (taskType: string, execute: Worker['execute'], concurrency = 4): Worker => ({ taskType, concurrency, execute });
const taskDef = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  retryCount: 0,
  retryDelaySeconds: 0,
  timeoutSeconds: 120,
  responseTimeoutSeconds: 60,
  ...extra,
});
const simple = (name: string, ref: string, inputParameters: Record<string, unknown> = {}) => ({
  name,
  taskReferenceName: ref,
  type: 'SIMPLE',
  inputParameters,
});
const oneTaskWorkflow = (name: string, taskType: string) => ({
  name,
  version: 1,
  schemaVersion: 2,
  tasks: [simple(taskType, 'only', { ms: '${workflow.input.ms}', value: '${workflow.input.value}' })],
});
const byRef = (tasks: readonly ConductorTask[], ref: string) => tasks.filter((t) => t.referenceTaskName === ref);

/** Hosts started by a test; stopped after it even when it fails. */
const hosts: WorkerHost[] = [];
function host(h: ConductorHarness, workers: Worker[], id?: string): WorkerHost {
  const created = new WorkerHost({ client: h.client, workers, pollTimeoutMs: 500, ...(id ? { workerId: id } : {}) });
  hosts.push(created);
  created.start();
  return created;
}

/** `polyphony worker` in a child process, hosting test/conductor/fixtures/toy-workers.ts. */
const children: ChildProcess[] = [];
async function childHost(url: string, tasks: string, build: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--workers', 'test/conductor/fixtures/toy-workers.ts',
      '--server', url, '--tasks', tasks, '--grace', '1', '--poll-timeout', '500'],
    { env: { ...process.env, POLYPHONY_BUILD: build }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child worker did not start within 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(' polling ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`child worker exited with ${code}:\n${stderr}`)));
  });
  return child;
}

describe('Conductor worker host on a real server', { skip }, () => {
  let h: ConductorHarness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await Promise.all(hosts.map((x) => x.stop(0)));
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.server.stop();
  });

  test('registration is idempotent, upserts changes, and reports a bad definition by name', async () => {
    const defs = { taskDefs: [taskDef('reg_a', { retryCount: 1 })], workflowDefs: [oneTaskWorkflow('reg_wf', 'reg_a')] };
    const first = await registerDefinitions(h.client, defs);
    const second = await registerDefinitions(h.client, defs);
    assert.deepEqual(first.map((r) => r.status), ['Success', 'Success']);
    assert.deepEqual(second, first);

    await registerDefinitions(h.client, { taskDefs: [taskDef('reg_a', { retryCount: 2 })], workflowDefs: [] });
    assert.equal((await h.client.getTaskDef('reg_a'))?.retryCount, 2);
    assert.equal((await h.client.getWorkflowDef('reg_wf'))?.tasks[0]?.taskReferenceName, 'only');
    assert.equal(await h.client.getTaskDef('reg_missing'), undefined);

    const bad = await registerDefinitions(h.client, {
      taskDefs: [],
      workflowDefs: [{ name: 'reg_bad', version: 1, tasks: [] }, oneTaskWorkflow('reg_wf2', 'reg_a')],
    });
    assert.equal(bad[0]?.status, 'Error');
    assert.match(bad[0]?.error ?? '', /reg_bad|tasks/);
    assert.equal(bad[1]?.status, 'Success');
  });

  test('two SIMPLE tasks and a dynamic fork of toy workers complete; every task records the worker id', async () => {
    const types = ['toy_a', 'toy_b', 'toy_item'];
    await registerDefinitions(h.client, {
      taskDefs: types.map((t) => taskDef(t)),
      workflowDefs: [
        {
          name: 'toy_fanout',
          version: 1,
          schemaVersion: 2,
          tasks: [
            simple('toy_a', 'a', { x: '${workflow.input.x}' }),
            simple('toy_b', 'b', { a: '${a.output.a}' }),
            {
              name: 'fork',
              taskReferenceName: 'fork',
              type: 'FORK_JOIN_DYNAMIC',
              inputParameters: { forkTaskName: 'toy_item', forkTaskInputs: '${workflow.input.items}' },
            },
            { name: 'join', taskReferenceName: 'join', type: 'JOIN' },
          ],
          outputParameters: { b: '${b.output.b}', joined: '${join.output}' },
        },
      ],
    });
    const w = host(h, [
      worker('toy_a', async (input) => ({ a: Number(input['x']) + 1 })),
      worker('toy_b', async (input) => ({ b: Number(input['a']) * 2 })),
      worker('toy_item', async (input) => ({ item: Number(input['i']) * 10 })),
    ]);
    const id = await h.client.startWorkflow('toy_fanout', { x: 1, items: [{ i: 0 }, { i: 1 }, { i: 2 }] });
    const wf = await waitForTerminal(h.client, id);
    assert.equal(wf.status, 'COMPLETED', wf.reasonForIncompletion ?? '');
    assert.equal(wf.output['b'], 4);

    const simpleTasks = wf.tasks.filter((t) => types.includes(t.taskType));
    assert.equal(simpleTasks.length, 5);
    for (const t of simpleTasks) {
      assert.equal(t.workerId, w.workerId, `${t.referenceTaskName}.workerId`);
      assert.equal(t.outputData['_worker'], w.workerId, `${t.referenceTaskName}.outputData._worker`);
    }
    // JOIN output on the real server: a map keyed by each branch's last task reference.
    const join = byRef(wf.tasks, 'join')[0]!;
    const items = wf.tasks.filter((t) => t.taskType === 'toy_item');
    assert.deepEqual(Object.keys(join.outputData).sort(), items.map((t) => t.referenceTaskName).sort());
    for (const t of items) assert.deepEqual(join.outputData[t.referenceTaskName], t.outputData);
    assert.deepEqual(items.map((t) => t.referenceTaskName).sort(), ['_toy_item_0', '_toy_item_1', '_toy_item_2']);
    assert.deepEqual(wf.output['joined'], join.outputData);
  });

  test('a worker that throws fails the task, and Conductor retries it per its TaskDef', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_flaky', { retryCount: 2, retryDelaySeconds: 1 })],
      workflowDefs: [oneTaskWorkflow('toy_flaky_wf', 'toy_flaky')],
    });
    const w = host(h, [
      worker('toy_flaky', async (_input, execution) => {
        if (execution.retryCount === 0) throw new Error('disk full (transient)');
        return { attempt: execution.retryCount };
      }),
    ]);
    const wf = await waitForTerminal(h.client, await h.client.startWorkflow('toy_flaky_wf', {}));
    assert.equal(wf.status, 'COMPLETED');
    const [failed, retried] = byRef(wf.tasks, 'only');
    assert.equal(failed?.status, 'FAILED');
    assert.equal(failed?.reasonForIncompletion, 'disk full (transient)');
    assert.equal(failed?.retried, true);
    assert.equal(failed?.outputData['_worker'], w.workerId);
    assert.equal(retried?.status, 'COMPLETED');
    assert.equal(retried?.retryCount, 1);
    assert.equal(retried?.retriedTaskId, failed?.taskId);
    // The retry is scheduled at once but handed out only after retryDelaySeconds.
    const waited = retried!.startTime - failed!.endTime;
    assert.ok(waited >= 900, `retried ${waited} ms after the failure; retryDelaySeconds is 1`);
  });

  test('a terminal failure is FAILED_WITH_TERMINAL_ERROR and not retried', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_terminal', { retryCount: 3 })],
      workflowDefs: [oneTaskWorkflow('toy_terminal_wf', 'toy_terminal')],
    });
    let calls = 0;
    host(h, [
      worker('toy_terminal', async () => {
        calls++;
        throw terminalFailure('corrupt track: bob.webm');
      }),
    ]);
    const wf = await waitForTerminal(h.client, await h.client.startWorkflow('toy_terminal_wf', {}));
    assert.equal(wf.status, 'FAILED');
    const tasks = byRef(wf.tasks, 'only');
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]?.status, 'FAILED_WITH_TERMINAL_ERROR');
    assert.equal(tasks[0]?.reasonForIncompletion, 'corrupt track: bob.webm');
    await sleep(1500);
    assert.equal(calls, 1);
  });

  test('graceful shutdown hands an in-flight task back at once; a second host completes it', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_drain', { retryCount: 1, responseTimeoutSeconds: 60 })],
      workflowDefs: [oneTaskWorkflow('toy_drain_wf', 'toy_drain')],
    });
    const aborted: string[] = [];
    const first = host(h, [
      worker('toy_drain', async (_input, execution) => {
        try {
          await sleep(120_000, undefined, { signal: execution.signal });
        } catch (error) {
          aborted.push(execution.taskId);
          throw error;
        }
        return {};
      }),
    ], workerId('first'));
    const id = await h.client.startWorkflow('toy_drain_wf', {});
    const running = await eventually('the task to be running on the first host', async () => {
      const t = byRef((await h.client.getWorkflow(id)).tasks, 'only')[0];
      return t?.status === 'IN_PROGRESS' && first.inFlightCount === 1 ? t : undefined;
    });
    const stopAt = Date.now();
    const stopping = first.stop(300);
    assert.equal(first.state, WorkerHostState.DRAINING);
    await stopping;
    assert.equal(first.state, WorkerHostState.STOPPED);
    assert.deepEqual(aborted, [running.taskId]);

    const handedBack = byRef((await h.client.getWorkflow(id)).tasks, 'only')[0]!;
    assert.equal(handedBack.status, 'FAILED');
    assert.equal(handedBack.reasonForIncompletion, SHUTDOWN_REASON);
    assert.ok(handedBack.endTime - stopAt < 5000, 'handed back within the grace period, not after the response timeout');

    const second = host(h, [worker('toy_drain', async () => ({ done: true }))], workerId('second'));
    const wf = await waitForTerminal(h.client, id);
    assert.equal(wf.status, 'COMPLETED');
    const last = byRef(wf.tasks, 'only').at(-1)!;
    assert.equal(last.workerId, second.workerId);
    assert.equal(last.retryCount, 1);
  });

  test('a worker host killed mid-task: Conductor times the task out and another host completes the workflow', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_slow', { retryCount: 1, responseTimeoutSeconds: 3, timeoutSeconds: 120 })],
      workflowDefs: [oneTaskWorkflow('toy_slow_wf', 'toy_slow')],
    });
    const child = await childHost(h.server.url, 'toy_slow', 'doomed');
    const id = await h.client.startWorkflow('toy_slow_wf', { ms: 600_000 });
    const running = await eventually('the child to pick the task up', async () => {
      const t = byRef((await h.client.getWorkflow(id)).tasks, 'only')[0];
      return t?.status === 'IN_PROGRESS' && t.workerId ? t : undefined;
    });
    assert.equal(parseWorkerId(running.workerId!)?.pid, child.pid);
    child.kill('SIGKILL');

    const rescuer = host(h, [worker('toy_slow', async () => ({ rescued: true }))], workerId('rescuer'));
    // On SQLite persistence the sweeper notices the response timeout only when the
    // workflow's popped decider message is released: 60-120 s (docs/conductor.md).
    const wf = await waitForTerminal(h.client, id, 240_000);
    assert.equal(wf.status, 'COMPLETED');
    const [dead, done] = byRef(wf.tasks, 'only');
    assert.equal(dead?.status, 'TIMED_OUT');
    assert.equal(dead?.workerId, running.workerId);
    assert.equal(done?.status, 'COMPLETED');
    assert.equal(done?.workerId, rescuer.workerId);
  });

  test('two hosts of different versions on one task type: poll data and task records show both', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_echo')],
      workflowDefs: [{
        name: 'toy_echo_fanout',
        version: 1,
        schemaVersion: 2,
        tasks: [
          { name: 'fork', taskReferenceName: 'fork', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'toy_echo', forkTaskInputs: '${workflow.input.items}' } },
          { name: 'join', taskReferenceName: 'join', type: 'JOIN' },
        ],
      }],
    });
    await Promise.all([childHost(h.server.url, 'toy_echo', 'alpha'), childHost(h.server.url, 'toy_echo', 'beta')]);
    // Conductor keeps only the LAST poll per queue: sample it to see every poller.
    const seen = new Set<string>();
    await eventually('poll data from both versions', async () => {
      for (const p of await h.client.pollData('toy_echo')) seen.add(parseWorkerId(p.workerId)?.version ?? p.workerId);
      return seen.has('0.1.0+alpha') && seen.has('0.1.0+beta') ? true : undefined;
    });

    const items = Array.from({ length: 12 }, (_, i) => ({ value: i }));
    const wf = await waitForTerminal(h.client, await h.client.startWorkflow('toy_echo_fanout', { items }));
    assert.equal(wf.status, 'COMPLETED');
    const versions = new Set<string>();
    for (const t of wf.tasks.filter((x) => x.taskType === 'toy_echo')) {
      assert.equal(t.outputData['_worker'], t.workerId);
      versions.add(parseWorkerId(String(t.workerId))!.version);
    }
    assert.ok([...versions].every((v) => v === '0.1.0+alpha' || v === '0.1.0+beta'), [...versions].join());
  });

  test('pause, resume, terminate, restart and retry change the run as Conductor says', async () => {
    await registerDefinitions(h.client, {
      taskDefs: [taskDef('toy_unpolled'), taskDef('toy_once')],
      workflowDefs: [oneTaskWorkflow('toy_unpolled_wf', 'toy_unpolled'), oneTaskWorkflow('toy_once_wf', 'toy_once')],
    });
    const id = await h.client.startWorkflow('toy_unpolled_wf', {});
    await h.client.pauseWorkflow(id);
    assert.equal((await h.client.getWorkflow(id, { includeTasks: false })).status, 'PAUSED');
    await h.client.resumeWorkflow(id);
    assert.equal((await h.client.getWorkflow(id, { includeTasks: false })).status, 'RUNNING');
    await h.client.terminateWorkflow(id, 'test over');
    const terminated = await h.client.getWorkflow(id);
    assert.equal(terminated.status, 'TERMINATED');
    assert.equal(terminated.reasonForIncompletion, 'test over');
    await h.client.restartWorkflow(id);
    const restarted = await h.client.getWorkflow(id);
    assert.equal(restarted.status, 'RUNNING');
    assert.notEqual(restarted.tasks[0]?.taskId, terminated.tasks[0]?.taskId);
    await h.client.terminateWorkflow(id);

    // retry: a failed run re-creates the failed task with a new id and goes on from there.
    let fail = true;
    host(h, [worker('toy_once', async () => {
      if (fail) throw terminalFailure('not yet');
      return { ok: true };
    })]);
    const failedId = await h.client.startWorkflow('toy_once_wf', {});
    assert.equal((await waitForTerminal(h.client, failedId)).status, 'FAILED');
    fail = false;
    await h.client.retryWorkflow(failedId);
    const retried = await waitForTerminal(h.client, failedId);
    assert.equal(retried.status, 'COMPLETED');
    assert.deepEqual(byRef(retried.tasks, 'only').map((t) => [t.status, t.retried]), [
      ['FAILED_WITH_TERMINAL_ERROR', true],
      ['COMPLETED', false],
    ]);
  });

  test('errors name the URL and status', async () => {
    await assert.rejects(h.client.startWorkflow('no_such_workflow', {}), (error: unknown) => {
      assert.ok(error instanceof ConductorRequestError);
      assert.equal(error.status, 404);
      assert.match(error.message, /POST http:\/\/127\.0\.0\.1:\d+\/api\/workflow\/no_such_workflow: HTTP 404: .*no_such_workflow/);
      return true;
    });
  });
});
