import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Task, Workflow } from '../../src/engine/index.js';
import type { RuntimeFactory, WorkflowRuntime } from './runtime.js';
import { createTestWorkers, type WorkerProbe } from './test-workers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(here, name), 'utf8'));
const taskDefs = readJson('task-defs.json') as unknown[];
// Children first, so a SUB_WORKFLOW's definition exists when its parent registers.
const workflowFiles = readdirSync(here)
  .filter((f) => f.startsWith('conf_') && f.endsWith('.json'))
  .sort((a, b) => Number(b === 'conf_child.json') - Number(a === 'conf_child.json'));

/** All attempts of a reference, oldest first. */
function attempts(wf: Workflow, ref: string): Task[] {
  return wf.tasks.filter((t) => t.referenceTaskName === ref).sort((a, b) => a.seq - b.seq);
}

/** The latest attempt of a reference; fails the test when there is none. */
function task(wf: Workflow, ref: string): Task {
  const all = attempts(wf, ref);
  const last = all[all.length - 1];
  assert.ok(last, `workflow has no task '${ref}' (has ${wf.tasks.map((t) => t.referenceTaskName).join(', ')})`);
  return last;
}

/** How one runtime departs from the suite. */
export interface SuiteOptions {
  /** How long a run may take before the test fails (default 15 s). */
  readonly waitMs?: number;
  /** Tests (by title) known to fail on this runtime, with the reason: run and reported, not counted as failures. */
  readonly todo?: Readonly<Record<string, string>>;
  /** Tests (by title) known to fail on this runtime and too slow to run there, with the reason. */
  readonly skip?: Readonly<Record<string, string>>;
}

/**
 * The conformance assertions against one runtime, as a describe block. The
 * embedded engine runs them from conformance.test.ts; a real Conductor server
 * runs them from a test file that starts one.
 */
export function conformanceSuite(factory: RuntimeFactory, { waitMs = 15_000, todo = {}, skip = {} }: SuiteOptions = {}): void {
  describe(`conformance on ${factory.name}`, () => {
    const titles = new Set<string>();
    const check = (title: string, fn: () => Promise<void>) => {
      titles.add(title);
      const [todoReason, skipReason] = [todo[title], skip[title]];
      it(title, skipReason ? { skip: skipReason } : todoReason ? { todo: todoReason } : {}, fn);
    };
    let rt: WorkflowRuntime;
    let probe: WorkerProbe;
    const run = async (name: string, input: Record<string, unknown>): Promise<Workflow> =>
      rt.waitForTerminal(await rt.start(name, input), waitMs);

    before(async () => {
      const created = createTestWorkers();
      probe = created.probe;
      rt = await factory.create(created.workers);
      await rt.registerTaskDefs(taskDefs);
      for (const file of workflowFiles) await rt.registerWorkflow(readJson(file));
    });
    after(async () => rt.close());

    check('resolves expressions: typed when whole, stringified when embedded, indexes, deep scan, null when missing', async () => {
      const wf = await run('conf_expressions', { tracks: [{ name: 'alice' }, { name: 'bob' }], title: 'Standup', count: 3 });
      assert.equal(wf.status, 'COMPLETED');
      const input = task(wf, 'use').inputData;
      assert.equal(input['typedNumber'], 3);
      assert.deepEqual(input['typedObject'], { title: 'Standup', count: 3 });
      assert.equal(input['firstTrack'], 'alice');
      assert.equal(input['lastTrack'], 'bob');
      assert.deepEqual([...(input['allNames'] as string[])].sort(), ['alice', 'bob']);
      assert.equal(input['embedded'], 'count=3 title=Standup');
      assert.equal(input['missing'], null);
      assert.deepEqual(input['list'], [3, 'literal']);
      assert.equal(wf.output['text'], 'count=3 title=Standup');
    });

    check('runs INLINE scripts and both SWITCH evaluators, with defaultCase', async () => {
      const big = await run('conf_inline_switch', { n: 12 });
      assert.equal(big.status, 'COMPLETED');
      assert.equal(task(big, 'classify').outputData['result'], 'big');
      assert.deepEqual(task(big, 'by_value').outputData['evaluationResult'], ['big']);
      assert.ok(attempts(big, 'on_big').length === 1 && attempts(big, 'on_small').length === 0);
      assert.deepEqual(task(big, 'by_script').outputData['evaluationResult'], ['even']);
      assert.equal(task(big, 'on_even').status, 'COMPLETED');
      assert.equal(attempts(big, 'on_default').length, 0);

      const small = await run('conf_inline_switch', { n: 7 });
      assert.equal(small.output['kind'], 'small');
      assert.equal(attempts(small, 'on_small').length, 1);
      assert.equal(task(small, 'on_default').inputData['parity'], 'default');
    });

    check('joins a FORK_JOIN into a map by joinOn reference, leaving out empty outputs', async () => {
      const wf = await run('conf_fork_join', {});
      assert.equal(wf.status, 'COMPLETED');
      const join = task(wf, 'join').outputData as Record<string, Record<string, unknown>>;
      assert.deepEqual(Object.keys(join).sort(), ['left_echo', 'right_add']);
      assert.equal(join['left_echo']?.['sum'], 3);
      assert.equal(join['right_add']?.['sum'], 30);
      assert.equal(wf.output['total'], 33);
      assert.equal(wf.output['seen'], true);
    });

    check('fans out FORK_JOIN_DYNAMIC in both input forms and joins every branch', async () => {
      const wf = await run('conf_dynamic_fork', { items: [1, 2, 3], echoes: [{ v: 'a' }, { v: 'b' }] });
      assert.equal(wf.status, 'COMPLETED');
      const sums = wf.output['sums'] as Record<string, { sum: number }>;
      assert.deepEqual(Object.keys(sums).sort(), ['add_0', 'add_1', 'add_2']);
      assert.deepEqual([sums['add_0']?.sum, sums['add_1']?.sum, sums['add_2']?.sum], [101, 102, 103]);
      // A second dynamic fork in a workflow prefixes its references with the fork's, and each
      // forked input gets its position as __index (Conductor's naming).
      const echoes = wf.output['echoes'] as Record<string, { v: string; __index: number }>;
      assert.deepEqual(Object.keys(echoes).sort(), ['_by_name_conf_echo_0', '_by_name_conf_echo_1']);
      assert.deepEqual([echoes['_by_name_conf_echo_1']?.v, echoes['_by_name_conf_echo_1']?.__index], ['b', 1]);
    });

    check('repeats DO_WHILE until the condition is false, suffixing references per iteration', async () => {
      const wf = await run('conf_do_while', { times: 3 });
      assert.equal(wf.status, 'COMPLETED');
      // Inside the loop, ${loop.output.iteration} is the iteration under way (1, 2, 3).
      assert.deepEqual(
        wf.tasks.filter((t) => t.referenceTaskName.startsWith('step__')).sort((a, b) => a.seq - b.seq).map((t) => t.outputData['sum']),
        [1001, 1002, 1003],
      );
      const loop = task(wf, 'loop').outputData;
      assert.equal(loop['iteration'], 3);
      for (const i of ['1', '2', '3']) assert.ok((loop[i] as Record<string, unknown>)['step'], `iteration ${i} output`);
      assert.deepEqual(
        wf.tasks.filter((t) => t.taskType === 'conf_add').map((t) => t.referenceTaskName).sort(),
        ['step__1', 'step__2', 'step__3'],
      );
      assert.equal(wf.output['iterations'], 3);
    });

    check('records task types as Conductor does: a SIMPLE task by its name, forks as FORK', async () => {
      const wf = await run('conf_fork_join', {});
      assert.deepEqual(
        ['fork', 'left_add', 'join', 'empty_branch'].map((ref) => [task(wf, ref).taskType, task(wf, ref).taskDefName]),
        [['FORK', 'FORK'], ['conf_add', 'conf_add'], ['JOIN', 'JOIN'], ['SET_VARIABLE', 'set_empty']],
      );
    });

    check('runs a SUB_WORKFLOW and passes its output to the parent', async () => {
      const wf = await run('conf_sub_workflow', { a: 2, failTimes: 1 });
      assert.equal(wf.status, 'COMPLETED');
      const sub = task(wf, 'child');
      assert.equal(sub.outputData['sum'], 7);
      assert.ok(sub.subWorkflowId);
      const child = await rt.get(sub.subWorkflowId);
      assert.equal(child.status, 'COMPLETED');
      assert.equal(child.parentWorkflowId, wf.workflowId);
      assert.equal(attempts(child, 'child_flaky').length, 2);
      assert.equal(wf.output['childSum'], 7);
    });

    check('ends the workflow at TERMINATE with its status and output', async () => {
      const wf = await run('conf_terminate', {});
      assert.equal(wf.status, 'FAILED');
      assert.deepEqual(wf.output, { why: 'empty' });
      assert.equal(wf.reasonForIncompletion, 'nothing to do');
      assert.equal(attempts(wf, 'never').length, 0);
    });

    check('retries a failing task as new task records until it succeeds', async () => {
      const wf = await run('conf_retries', { failTimes: 2 });
      assert.equal(wf.status, 'COMPLETED');
      const tries = attempts(wf, 'flaky');
      assert.deepEqual(tries.map((t) => [t.status, t.retryCount, t.retried]), [
        ['FAILED', 0, true],
        ['FAILED', 1, true],
        ['COMPLETED', 2, false],
      ]);
      assert.equal(new Set(tries.map((t) => t.taskId)).size, 3);
      assert.equal(tries[1]?.retriedTaskId, tries[0]?.taskId);
      assert.equal(tries[2]?.retriedTaskId, tries[1]?.taskId);
      assert.equal(task(wf, 'after_flaky').inputData['attempts'], 3);
    });

    check('fails the workflow when retries run out', async () => {
      const wf = await run('conf_retries', { failTimes: 9 });
      assert.equal(wf.status, 'FAILED');
      assert.equal(attempts(wf, 'flaky').length, 3);
      assert.deepEqual(wf.failedReferenceTaskNames, ['flaky']);
      assert.equal(attempts(wf, 'after_flaky').length, 0);
    });

    check('never retries FAILED_WITH_TERMINAL_ERROR', async () => {
      const wf = await run('conf_terminal_error', {});
      assert.equal(wf.status, 'FAILED');
      const tries = attempts(wf, 'broken');
      assert.equal(tries.length, 1);
      assert.equal(tries[0]?.status, 'FAILED_WITH_TERMINAL_ERROR');
      assert.match(tries[0]?.reasonForIncompletion ?? '', /corrupt input: bad header/);
      assert.equal(attempts(wf, 'unreached').length, 0);
    });

    check('lets the workflow go on past an optional task that failed', async () => {
      const wf = await run('conf_optional', {});
      assert.equal(wf.status, 'COMPLETED');
      assert.equal(task(wf, 'may_fail').status, 'COMPLETED_WITH_ERRORS');
      assert.equal(task(wf, 'still_runs').status, 'COMPLETED');
    });

    check('fails the workflow on a failed branch and cancels the running siblings', async () => {
      const started = Date.now();
      const wf = await run('conf_fork_failure', {});
      assert.equal(wf.status, 'FAILED');
      assert.ok(Date.now() - started < 15_000, 'did not wait for the slow branch');
      assert.equal(task(wf, 'bad_branch').status, 'FAILED_WITH_TERMINAL_ERROR');
      assert.equal(task(wf, 'slow_branch').status, 'CANCELED');
      assert.deepEqual(wf.failedReferenceTaskNames, ['bad_branch']);
    });

    check('times out a task past timeoutSeconds and retries it, then times out the workflow', async () => {
      const wf = await run('conf_timeout', {});
      assert.equal(wf.status, 'TIMED_OUT');
      const tries = attempts(wf, 'too_slow');
      assert.deepEqual(tries.map((t) => t.status), ['TIMED_OUT', 'TIMED_OUT']);
      for (const t of tries) assert.ok(t.endTime - t.startTime >= 1000, `ran ${t.endTime - t.startTime} ms`);
    });

    check('runs no more tasks of a type at once than its concurrentExecLimit', async () => {
      probe.maxConcurrentSleeps = 0;
      const wf = await run('conf_concurrency', { sleeps: Array.from({ length: 6 }, (_, i) => ({ ms: 150, tag: i })) });
      assert.equal(wf.status, 'COMPLETED');
      assert.equal(Object.keys(task(wf, 'sleepers_join').outputData).length, 6);
      assert.equal(probe.maxConcurrentSleeps, 2);
    });

    // A renamed test must not leave its known difference silently unused.
    const unknown = [...Object.keys(todo), ...Object.keys(skip)].filter((t) => !titles.has(t));
    if (unknown.length > 0) throw new Error(`conformance on ${factory.name}: no test titled ${unknown.map((t) => `'${t}'`).join(', ')}`);
  });
}
