import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { registerDefinitions, WorkerHost } from '../../src/conductor/index.js';
import { buildInspectReport, conductorRunSource, loadRunView, systemRuleContext } from '../../src/ops/index.js';
import { cliEntry, repoRoot } from '../pipeline/run-cli.js';
import { conductorUnavailable, startHarness, waitForTerminal, type ConductorHarness } from '../conductor/conductor-fixture.js';
import { workers as scriptedWorkers } from './fixtures/scripted-workers.js';
import { CURRENT_BUILD, inspectJson, kindsByRef, polyphony, STALE_BUILD, versionOf, workerIdAt, type InspectJson } from './ops-fixture.js';

/*
 * On a real Conductor server: a stale worker process (another build, set by
 * POLYPHONY_BUILD in its environment) and a current one poll the same task
 * type. `inspect` must flag the task the stale one did, and `doctor` must see
 * two code versions polling that type in Conductor's poll data.
 */

const skip = conductorUnavailable();
const home = mkdtempSync(join(tmpdir(), 'polyphony-ops-conductor-'));
after(() => rmSync(home, { recursive: true, force: true }));

const taskDef = (name: string) => ({ name, retryCount: 0, retryDelaySeconds: 0, timeoutSeconds: 120, responseTimeoutSeconds: 60, ownerEmail: 'ops@example.com' });
const simple = (name: string, ref: string, inputParameters: Record<string, unknown>) => ({ name, taskReferenceName: ref, type: 'SIMPLE', inputParameters });
const scripted = (name: string) => scriptedWorkers.find((w) => w.taskType === name)!;

/** `polyphony worker` in a child process at another build, polling transcribe_track only. */
async function staleWorkerProcess(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cliEntry, 'worker', '--workers', join(repoRoot, 'test/ops/fixtures/scripted-workers.ts'), '--server', url,
      '--tasks', 'transcribe_track', '--grace', '1', '--poll-timeout', '500'],
    { cwd: repoRoot, env: { ...process.env, POLYPHONY_BUILD: STALE_BUILD }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stale worker did not start within 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(' polling ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`stale worker exited with ${code}:\n${stderr}`)));
  });
  return child;
}

const doctorSchema = z.object({ ok: z.boolean(), checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), hint: z.string().optional() })) });

describe('inspect and doctor on a real Conductor server', { skip }, () => {
  let h: ConductorHarness;
  let stale: ChildProcess | undefined;
  const hosts: WorkerHost[] = [];
  const env = () => ({ POLYPHONY_HOME: home, CONDUCTOR_SERVER_URL: h.server.url });

  before(async () => {
    h = await startHarness();
    await registerDefinitions(h.client, {
      // get_participants answers within 600 s here (workflows/task_defs.json says 60): inspect must use the server's.
      taskDefs: [taskDef('align_track'), taskDef('transcribe_track'), { ...taskDef('get_participants'), responseTimeoutSeconds: 600, timeoutSeconds: 0 }],
      workflowDefs: [
        {
          name: 'ops_tracks',
          version: 1,
          schemaVersion: 2,
          ownerEmail: 'ops@example.com',
          tasks: [
            simple('align_track', 'align', { ms: 50, out: { regionCount: 2, speechSec: 5, durationSec: 10 } }),
            simple('transcribe_track', 'transcribe', { ms: '${workflow.input.transcribe.ms}', out: '${workflow.input.transcribe.out}' }),
            simple('align_track', 'align_again', { ms: 50, out: { regionCount: 2, speechSec: 5, durationSec: 10 } }),
          ],
        },
        { name: 'ops_plan', version: 1, schemaVersion: 2, ownerEmail: 'ops@example.com', tasks: [simple('get_participants', 'plan', {})] },
        {
          name: 'ops_parent',
          version: 1,
          schemaVersion: 2,
          ownerEmail: 'ops@example.com',
          tasks: [
            {
              name: 'fork',
              taskReferenceName: 'fork',
              type: 'FORK_JOIN',
              forkTasks: [0, 1].map((i) => [
                {
                  name: 'ops_tracks',
                  taskReferenceName: `track_${i}`,
                  type: 'SUB_WORKFLOW',
                  subWorkflowParam: { name: 'ops_tracks', version: 1 },
                  inputParameters: { transcribe: { ms: 300, out: { wordCount: 7 + i, speechSec: 5, durationSec: 10 } } },
                },
              ]),
            },
            { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['track_0', 'track_1'] },
          ],
        },
      ],
    });
  });

  after(async () => {
    await Promise.all(hosts.map((x) => x.stop(0)));
    if (stale && stale.exitCode === null) stale.kill('SIGKILL');
    await h?.server.stop();
  });

  test('inspect flags the task a stale worker process did; doctor sees two versions polling its type', async () => {
    stale = await staleWorkerProcess(h.server.url);
    // The current build aligns, in this process; only the stale process transcribes, so it gets that task.
    const current = new WorkerHost({ client: h.client, workers: [scripted('align_track')], pollTimeoutMs: 500, workerId: workerIdAt(CURRENT_BUILD) });
    hosts.push(current);
    current.start();

    const transcribe = { ms: 300, out: { wordCount: 12, speechSec: 5, durationSec: 10 } };
    const id = await h.client.startWorkflow('ops_tracks', { transcribe });
    const wf = await waitForTerminal(h.client, id);
    assert.equal(wf.status, 'COMPLETED', wf.reasonForIncompletion ?? '');

    const { code, report } = await inspectJson(id, env(), ['--engine', 'conductor']);
    assert.equal(code, 3);
    assert.deepEqual(kindsByRef(report), { transcribe: ['ghost-worker'] });
    assert.match(report.anomalies[0]!.reason, /at version 0\.1\.0\+ops-stale; the run's other tasks ran on 0\.1\.0\+ops-current/);
    const t = report.tasks.find((x) => x.ref === 'transcribe')!;
    assert.equal(t.workerVersion, versionOf(STALE_BUILD));
    assert.equal(t.summary, 'words=12 speech=5s');

    // Now the current build polls transcribe_track too: two versions on one task type.
    const second = new WorkerHost({ client: h.client, workers: [scripted('transcribe_track')], pollTimeoutMs: 500, workerId: workerIdAt(CURRENT_BUILD) });
    hosts.push(second);
    second.start();
    const r = await polyphony(['doctor', '--json', '--sample', '4'], env());
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const doctor = doctorSchema.parse(JSON.parse(r.stdout));
    const check = (name: string) => doctor.checks.find((c) => c.name === name)!;
    assert.equal(check('conductor').ok, true, check('conductor').detail);
    assert.equal(check('workers: transcribe_track').ok, false);
    assert.match(check('workers: transcribe_track').detail, /2 code versions are polling: .*0\.1\.0\+ops-(stale|current): .*0\.1\.0\+ops-(stale|current): /);
    assert.match(check('workers: transcribe_track').hint!, /stop the workers running an old version/);
    assert.equal(check('workers: align_track').ok, true, check('workers: align_track').detail);
    assert.match(check('workers: align_track').detail, /1 worker, one version: 0\.1\.0\+ops-current/);
    assert.equal(check('workers: finalize').ok, false, 'nobody polls finalize');
  });

  test('inspect flags an instant, empty transcription done through Conductor', async () => {
    const id = await h.client.startWorkflow('ops_tracks', { transcribe: { ms: 0, out: { wordCount: 0, speechSec: 240, durationSec: 300 } } });
    const wf = await waitForTerminal(h.client, id);
    assert.equal(wf.status, 'COMPLETED', wf.reasonForIncompletion ?? '');
    // No --engine: there is no embedded database here, so inspect looks on CONDUCTOR_SERVER_URL's server.
    const { report } = await inspectJson(id, env());
    assert.equal(report.workflowId, id);
    const kinds = kindsByRef(report)['transcribe'] ?? [];
    assert.ok(kinds.includes('empty-result'), JSON.stringify(report.anomalies));
    assert.ok(kinds.includes('implausibly-fast'), JSON.stringify(report.anomalies));
    assert.match(report.anomalies.find((a) => a.kind === 'empty-result')!.reason, /0 words recognised from 240\.0 s of speech/);
  });

  test('inspect follows forked sub-workflows on the server, labelling each task with its branch', async () => {
    const id = await h.client.startWorkflow('ops_parent', {});
    const wf = await waitForTerminal(h.client, id);
    assert.equal(wf.status, 'COMPLETED', wf.reasonForIncompletion ?? '');
    const { report } = await inspectJson(id, env(), ['--engine', 'conductor']);
    const line = (t: InspectJson['tasks'][number]) => [t.depth, t.branch, t.ref, t.status, t.summary];
    assert.deepEqual(report.tasks.filter((t) => t.ref === 'transcribe').map(line), [
      [1, 'fork[0] › track_0', 'transcribe', 'COMPLETED', 'words=7 speech=5s'],
      [1, 'fork[1] › track_1', 'transcribe', 'COMPLETED', 'words=8 speech=5s'],
    ]);
    assert.equal(report.tasks.filter((t) => t.depth === 1).length, 6, 'three tasks from each sub-workflow');
    assert.equal(report.tasks.find((t) => t.ref === 'join')!.summary, 'branches=2/2');
    assert.deepEqual(report.anomalies.filter((a) => a.kind !== 'ghost-worker'), [], 'two versions poll transcribe_track now; nothing else is wrong');
  });

  test('a task whose worker died after polling it is stuck once past the response timeout the server recorded', async () => {
    const id = await h.client.startWorkflow('ops_plan', {});
    // A worker of a pid that does not exist on this host polls the task and never answers.
    const deadWorker = `${hostname()}:999999:${versionOf(CURRENT_BUILD)}`;
    let polled: unknown[] = [];
    for (let i = 0; i < 20 && polled.length === 0; i++) polled = await h.client.pollBatch('get_participants', { workerId: deadWorker, count: 1, timeoutMs: 1000 });
    assert.equal(polled.length, 1);
    const source = conductorRunSource(h.client);
    const view = await loadRunView(source, id);
    assert.ok(view);
    assert.equal(view.tasks[0]?.status, 'IN_PROGRESS');
    // Judged now, it is fine; judged twenty minutes on (the server would time it out after 600 s), it is stuck.
    const now = buildInspectReport(view, systemRuleContext(versionOf(CURRENT_BUILD)), source);
    assert.deepEqual(now.anomalies, []);
    const later = buildInspectReport(view, systemRuleContext(versionOf(CURRENT_BUILD), Date.now() + 20 * 60_000), source);
    assert.deepEqual(later.anomalies.map((a) => [a.ref, a.kind]), [['plan', 'stuck']]);
    assert.match(later.anomalies[0]!.reason, /without an update; response timeout is 600 s; its worker process 999999 is gone/);
    await h.client.terminateWorkflow(id, 'test over');
  });
});
