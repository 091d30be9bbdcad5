/**
 * The two runtimes side by side, measured in one run on one machine:
 * (a) one workflow with a dynamic fork of 1,000 no-op tasks (the same
 *     workflow JSON and task definition on both), on the embedded engine
 *     (SQLite file, workers in-process) and on a real Conductor server started
 *     here (SQLite persistence, our WorkerHost in this process);
 * (b) `polyphony process examples/meeting` through the CLI with
 *     `--engine embedded` and `--engine conductor` (against that server),
 *     each in a fresh POLYPHONY_HOME.
 * Prints a table with the ratio Conductor / embedded, and the load average.
 * Run: node --import tsx bench/runtimes-compare.ts   (jar: scripts/fetch-conductor.sh)
 * BENCH_CONCURRENCY (default 64): the no-op worker's concurrency on both runtimes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startConductor } from '../scripts/services/conductor.js';
import { ConductorClient, registerDefinitions, WorkerHost } from '../src/conductor/index.js';
import { openEngine } from '../src/engine/index.js';
import { fanoutInput, fanoutWorkflow, noopTaskDef, noopWorker } from './fanout-workflow.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 64);
const FANOUT = 1000;

const noop = noopWorker(CONCURRENCY);
const items = fanoutInput;

interface Row {
  label: string;
  embedded: number;
  conductor: number;
  unit: string;
}

/** Milliseconds for the warm-up (100) and the measured (1,000) fan-out on the embedded engine. */
async function embeddedFanout(dir: string): Promise<number> {
  const engine = openEngine({ dbPath: join(dir, 'fanout.db'), workers: [noop], workerId: 'bench:0:bench' });
  try {
    engine.registerTaskDefs([noopTaskDef]);
    engine.registerWorkflow(fanoutWorkflow);
    await engine.runUntilDone(await engine.startWorkflow('bench_fanout', items(100)));
    const t0 = performance.now();
    const wf = await engine.runUntilDone(await engine.startWorkflow('bench_fanout', items(FANOUT)));
    const ms = performance.now() - t0;
    if (wf.status !== 'COMPLETED' || wf.tasks.length !== FANOUT + 2) throw new Error(`embedded fan-out ended ${wf.status} with ${wf.tasks.length} tasks`);
    return ms;
  } finally {
    engine.close();
  }
}

async function conductorFanout(client: ConductorClient): Promise<number> {
  await registerDefinitions(client, { taskDefs: [noopTaskDef], workflowDefs: [fanoutWorkflow] });
  const host = new WorkerHost({ client, workers: [noop], pollTimeoutMs: 500, workerId: 'bench:0:bench' });
  host.start();
  const run = async (n: number) => {
    const t0 = performance.now();
    const id = await client.startWorkflow('bench_fanout', items(n));
    for (;;) {
      // Without tasks: reading the 1,000-task record would weigh on the measurement.
      const wf = await client.getWorkflow(id, { includeTasks: false });
      if (wf.status !== 'RUNNING') {
        if (wf.status !== 'COMPLETED') throw new Error(`Conductor fan-out of ${n} ended ${wf.status}`);
        return performance.now() - t0;
      }
      await sleep(100);
    }
  };
  try {
    await run(100);
    return await run(FANOUT);
  } finally {
    await host.stop(0);
  }
}

/**
 * Wall time of `polyphony process examples/meeting` as a user runs it (node +
 * tsx start-up included), and the run's own time as its runtime recorded it
 * (the workflow's startTime to endTime).
 */
async function processRun(
  engine: 'embedded' | 'conductor',
  work: string,
  env: Record<string, string>,
  client: ConductorClient,
): Promise<{ wallMs: number; workflowMs: number }> {
  const args = ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'process', join(repoRoot, 'examples', 'meeting'), '--out', join(work, `${engine}-out`), '--engine', engine, '--json'];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', POLYPHONY_HOME: join(work, `${engine}-home`), POLYPHONY_BUILD: 'bench', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`process --engine ${engine} exited ${code}:\n${stderr}`);
  const { workflowId } = JSON.parse(stdout) as { workflowId: string };
  if (engine === 'conductor') {
    const wf = await client.getWorkflow(workflowId, { includeTasks: false });
    return { wallMs, workflowMs: wf.endTime - wf.startTime };
  }
  const recorded = openEngine({ dbPath: join(work, `${engine}-home`, 'engine.db'), workers: [] });
  try {
    const wf = recorded.getWorkflow(workflowId);
    if (!wf) throw new Error(`workflow ${workflowId} not recorded`);
    return { wallMs, workflowMs: wf.endTime - wf.startTime };
  } finally {
    recorded.close();
  }
}

function printTable(rows: Row[]): void {
  const head = ['measure', 'embedded', 'Conductor', 'Conductor / embedded'];
  const body = rows.map((r) => [r.label, `${r.embedded.toFixed(r.unit === 's' ? 1 : 2)} ${r.unit}`, `${r.conductor.toFixed(r.unit === 's' ? 1 : 2)} ${r.unit}`, `${(r.conductor / r.embedded).toFixed(r.conductor / r.embedded < 1 ? 3 : 1)}×`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'polyphony-bench-compare-'));
  const server = await startConductor({ readyTimeoutMs: 300_000, onProgress: (m) => process.stderr.write(`${m}\n`) });
  const client = new ConductorClient({ baseUrl: server.url, requestTimeoutMs: 120_000 });
  try {
    console.log(`load average (1/5/15 min) at start: ${load()}; no-op worker concurrency ${CONCURRENCY}`);
    const embeddedFan = await embeddedFanout(work);
    const conductorFan = await conductorFanout(client);
    const embeddedRun = await processRun('embedded', work, {}, client);
    const conductorRun = await processRun('conductor', work, { CONDUCTOR_SERVER_URL: server.url }, client);
    printTable([
      { label: `dynamic fork of ${FANOUT.toLocaleString('en')} no-op tasks + JOIN`, embedded: embeddedFan / 1000, conductor: conductorFan / 1000, unit: 's' },
      { label: 'per task', embedded: embeddedFan / FANOUT, conductor: conductorFan / FANOUT, unit: 'ms' },
      { label: 'throughput', embedded: (FANOUT / embeddedFan) * 1000, conductor: (FANOUT / conductorFan) * 1000, unit: 'tasks/s' },
      { label: '`polyphony process examples/meeting` wall time', embedded: embeddedRun.wallMs / 1000, conductor: conductorRun.wallMs / 1000, unit: 's' },
      { label: '  of which the workflow (start to end)', embedded: embeddedRun.workflowMs / 1000, conductor: conductorRun.workflowMs / 1000, unit: 's' },
    ]);
    console.log(`load average (1/5/15 min) at end: ${load()}`);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
