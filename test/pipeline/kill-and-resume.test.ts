import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { openEngine, type Task, type Workflow } from '../../src/engine/index.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { repoRoot, runCli } from './run-cli.js';

/** Every task of a run and of its sub-workflows. */
function allTasks(dbPath: string, workflowId: string): Task[] {
  const engine = openEngine({ dbPath, workers: [] });
  try {
    const collect = (id: string): Task[] => {
      const wf: Workflow | undefined = engine.getWorkflow(id, true);
      return (wf?.tasks ?? []).flatMap((t) => [t, ...(t.subWorkflowId ? collect(t.subWorkflowId) : [])]);
    };
    return collect(workflowId);
  } finally {
    engine.close();
  }
}

// The real pipeline on the bundled example: the process is SIGKILLed once some
// per-track work is done, then `polyphony workflow resume` finishes the run.
test('a killed process run resumes to completion without redoing finished tasks', async () => {
  const work = await mkdtemp(join(tmpdir(), 'polyphony-resume-'));
  const home = join(work, 'home');
  const dbPath = join(home, 'engine.db');
  try {
    const { child, done } = runCli(['process', join(repoRoot, 'examples', 'meeting'), '--out', join(work, 'out')], { POLYPHONY_HOME: home });
    let exited = false;
    void done.then(() => (exited = true));
    // Watch the blob store, not the database: a reader must not slow the run it watches.
    // A track's regions.json appears when its align_track finishes.
    const blobs = join(home, 'blobs', 'transcripts');
    const alignedTracks = async () => {
      const ids = await readdir(blobs).catch(() => []);
      const tracks = await Promise.all(ids.map((id) => readdir(join(blobs, id, 'tracks')).catch(() => [])));
      return tracks.flat().length;
    };
    for (let i = 0; i < 3000 && !exited && (await alignedTracks()) === 0; i++) await sleep(20);
    if (exited) assert.fail(`process exited before it could be killed: ${(await done).stderr}`);
    child.kill('SIGKILL');
    await done;

    const probe = openEngine({ dbPath, workers: [] });
    const workflowId = probe.listWorkflows({ name: 'multitrack_pipeline' })[0]?.workflowId;
    const killedStatus = workflowId ? probe.getWorkflow(workflowId)?.status : undefined;
    probe.close();
    assert.ok(workflowId, 'the run was recorded');
    assert.equal(killedStatus, 'RUNNING', 'a killed run stays RUNNING');
    const before = allTasks(dbPath, workflowId).filter((t) => t.status === 'COMPLETED');
    assert.ok(before.some((t) => t.referenceTaskName === 'get_recording'), 'work done before the kill is recorded');

    const resumed = await runCli(['workflow', 'resume', workflowId], { POLYPHONY_HOME: home }).done;
    assert.equal(resumed.code, 0, resumed.stderr);
    const final = JSON.parse(resumed.stdout) as Workflow;
    assert.equal(final.status, 'COMPLETED');

    const after = allTasks(dbPath, workflowId);
    for (const task of before) {
      const same = after.find((t) => t.taskId === task.taskId);
      assert.equal(same?.status, 'COMPLETED');
      assert.equal(same?.endTime, task.endTime, `${task.referenceTaskName} was re-run`);
      const reruns = after.filter((t) => t.referenceTaskName === task.referenceTaskName && t.workflowInstanceId === task.workflowInstanceId);
      assert.equal(reruns.length, 1, `${task.referenceTaskName} has ${reruns.length} task records`);
    }

    const store = await openStore(parseStoreConfig({ POLYPHONY_HOME: home }));
    try {
      const transcriptId = String(final.input['transcriptId']);
      const record = await store.getTranscript(transcriptId);
      assert.equal(record?.status, 'ended');
      const words = await store.listWords(transcriptId);
      assert.ok(words.length > 100);
      const keys = words.map((w) => `${w.speaker}:${w.start}:${w.text}`);
      assert.equal(new Set(keys).size, keys.length, 'no word is stored twice');
    } finally {
      await store.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
