import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pipelineDefinitions } from '../../src/app/pipeline-definitions.js';
import { registerDefinitions, type ConductorClient, type ConductorTask } from '../../src/conductor/index.js';
import type { Word } from '../../src/domain/word.js';
import { parseWorkerId } from '../../src/runtime/worker-identity.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { repoRoot, runCli } from '../pipeline/run-cli.js';
import { conformanceSuite } from '../conformance/conformance-suite.js';
import { conductorUnavailable, eventually, startHarness, waitForTerminal, type ConductorHarness } from './conductor-fixture.js';
import { conductorRuntime } from './conductor-runtime.js';

const unavailable = conductorUnavailable();
const example = join(repoRoot, 'examples', 'meeting');
/**
 * Short enough that a dead worker's task comes back within the test, long
 * enough that a live worker (B runs one task at a time) finishes each task
 * inside it: there are no heartbeats, so an attempt that outlives it is timed
 * out too. (B's transcription of the longest track took 27 s on 2 cores at load 20.)
 * On a SQLite-backed server the timeout is acted on 60-120 s late anyway.
 */
const RESPONSE_TIMEOUT_S = 45;

/** The pipeline's task definitions with response timeouts cut to RESPONSE_TIMEOUT_S and no delay before a transcription retry. */
function shortTimeoutTaskDefs(): unknown[] {
  return pipelineDefinitions().taskDefs.map((raw) => {
    const def = raw as { name: string; responseTimeoutSeconds?: number; retryDelaySeconds?: number };
    return {
      ...def,
      responseTimeoutSeconds: Math.min(def.responseTimeoutSeconds ?? RESPONSE_TIMEOUT_S, RESPONSE_TIMEOUT_S),
      ...(def.name === 'transcribe_track' ? { retryDelaySeconds: 0, retryLogic: 'FIXED' } : {}),
    };
  });
}

/** Every task of a run and of its sub-workflows (track_pipeline holds transcribe_track). */
async function allTasks(client: ConductorClient, workflowId: string): Promise<ConductorTask[]> {
  const wf = await client.getWorkflow(workflowId);
  const nested = await Promise.all(wf.tasks.map(async (t) => (t.subWorkflowId ? allTasks(client, t.subWorkflowId) : [])));
  return [...wf.tasks, ...nested.flat()];
}

async function wordsOf(env: Record<string, string>, transcriptId: string): Promise<Word[]> {
  const store = await openStore(parseStoreConfig(env));
  try {
    return await store.listWords(transcriptId);
  } finally {
    await store.close();
  }
}

const build = (task: ConductorTask) => parseWorkerId(task.workerId ?? '')?.version.split('+')[1];

// The scenario: a `polyphony worker` process is SIGKILLed in the middle
// of a transcription; Conductor times its task out and another worker process
// (sharing the database and blob store) completes the run. The same server then
// runs the conformance suite (one server start per test file).
describe('on a real Conductor server', { skip: unavailable ?? false }, () => {
  let harness: ConductorHarness;
  let work: string;
  let embeddedWords: Word[];
  const children: ReturnType<typeof runCli>[] = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'polyphony-worker-kill-'));
    // The reference run on the embedded engine overlaps the server's slow start.
    const embeddedEnv = { POLYPHONY_HOME: join(work, 'embedded') };
    const [h, embedded] = await Promise.all([
      startHarness(),
      runCli(['process', example, '--out', join(work, 'embedded-out'), '--engine', 'embedded', '--json'], embeddedEnv).done,
    ]);
    harness = h;
    assert.equal(embedded.code, 0, embedded.stderr);
    embeddedWords = await wordsOf(embeddedEnv, (JSON.parse(embedded.stdout) as { transcriptId: string }).transcriptId);
  });
  after(async () => {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.done));
    await harness?.server.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('a pipeline worker killed mid-transcription: the task is timed out, another worker completes the run, no word lost or duplicated', async () => {
    await registerDefinitions(harness.client, { taskDefs: shortTimeoutTaskDefs(), workflowDefs: pipelineDefinitions().workflows });
    assert.equal((await harness.client.getTaskDef('transcribe_track'))?.responseTimeoutSeconds, RESPONSE_TIMEOUT_S);

    const shared = { POLYPHONY_HOME: join(work, 'shared'), CONDUCTOR_SERVER_URL: harness.server.url };
    // --no-register: a worker registering the shipped definitions would undo the short timeouts.
    const startWorker = (buildId: string, extra: string[] = []) => {
      let polling: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (polling = resolve));
      const proc = runCli(['worker', '--no-register', '--grace', '0', ...extra], { ...shared, POLYPHONY_BUILD: buildId }, {
        onStderr: (chunk) => chunk.includes(' polling ') && polling(),
      });
      children.push(proc);
      return { ...proc, ready: Promise.race([ready, proc.done.then((r) => assert.fail(`worker ${buildId} exited early:\n${r.stderr}`))]) };
    };

    const a = startWorker('a');
    await a.ready;
    const transcriptId = randomUUID();
    const workflowId = await harness.client.startWorkflow('multitrack_pipeline', { transcriptId, recordingDir: example });

    const victim = await eventually('a transcribe_track task running on worker A', async () => {
      const tasks = await allTasks(harness.client, workflowId);
      return tasks.find((t) => t.taskDefName === 'transcribe_track' && t.status === 'IN_PROGRESS' && build(t) === 'a');
    }, 120_000);
    assert.equal(parseWorkerId(victim.workerId!)?.pid, a.child.pid);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await a.done;

    // One task at a time, so each of B's attempts finishes well inside the response timeout.
    const b = startWorker('b', ['--concurrency', '1']);
    await b.ready;
    // The sweeper on a SQLite-backed server acts on a response timeout late (docs/conductor.md, fact 2).
    const wf = await waitForTerminal(harness.client, workflowId, 400_000);
    assert.equal(wf.status, 'COMPLETED', wf.reasonForIncompletion ?? undefined);

    const tasks = await allTasks(harness.client, workflowId);
    const attempts = tasks.filter((t) => t.workflowInstanceId === victim.workflowInstanceId && t.referenceTaskName === victim.referenceTaskName);
    const killed = attempts.find((t) => t.taskId === victim.taskId);
    assert.equal(killed?.status, 'TIMED_OUT');
    assert.equal(killed.retried, true);
    const retry = attempts.find((t) => t.retriedTaskId === victim.taskId);
    assert.ok(retry, `no retry of ${victim.taskId}: ${JSON.stringify(attempts.map((t) => [t.taskId, t.status]))}`);
    assert.equal(retry.retryCount, victim.retryCount + 1);
    const done = attempts.filter((t) => t.status === 'COMPLETED');
    assert.equal(done.length, 1, 'exactly one attempt of the transcription completed');
    assert.equal(build(done[0]!), 'b');
    // Every attempt A left running was timed out; nothing A did after the kill counts.
    for (const t of tasks.filter((t) => build(t) === 'a')) assert.ok(t.status === 'COMPLETED' || t.status === 'TIMED_OUT', `${t.referenceTaskName} ${t.status}`);
    process.stderr.write(
      `# killed attempt TIMED_OUT ${((killed.endTime - killedAt) / 1000).toFixed(1)} s after the kill; ` +
        `retry polled ${((retry.startTime - killedAt) / 1000).toFixed(1)} s and completed ${((done[0]!.endTime - killedAt) / 1000).toFixed(1)} s after it; ` +
        `workflow done ${((wf.endTime - killedAt) / 1000).toFixed(1)} s after it\n`,
    );

    const words = await wordsOf(shared, transcriptId);
    const keys = words.map((w) => `${w.speaker}:${w.start}:${w.text}`);
    assert.equal(new Set(keys).size, keys.length, 'no word is stored twice');
    assert.deepEqual([...new Set(words.map((w) => w.speaker))].sort(), [0, 1, 2], 'every track has words');
    assert.equal(words.length, embeddedWords.length);
    assert.deepEqual(words, embeddedWords);
  });

  conformanceSuite(
    { name: 'Conductor', create: (workers) => conductorRuntime(harness.client).create(workers) },
    {
      // concurrentExecLimit postponements wait for the sweeper: seconds in one run, 60 s in another.
      waitMs: 240_000,
      todo: {
        'runs no more tasks of a type at once than its concurrentExecLimit':
          'Conductor 3.32 (SQLite) handed out 3 conf_sleep tasks at once with concurrentExecLimit 2, in each of three runs (docs/conductor.md)',
      },
      // conformance-on-conductor.test.ts runs conf_timeout on this server kind as a TODO already (it takes minutes).
      skip: {
        'times out a task past timeoutSeconds and retries it, then times out the workflow':
          'with SQLite persistence Conductor checks timeoutSeconds only when its sweeper revisits the workflow, so the retry may complete (docs/conductor.md, known differences)',
      },
    },
  );
});
