/**
 * Conductor OSS overhead: a dynamic fork of 1,000 no-op tasks (then a JOIN),
 * run by our WorkerHost against a real Conductor server with SQLite
 * persistence, started by this script. The worker does nothing, so the time
 * is the server's (scheduling, queueing, recording) plus our polling.
 * Run: node --import tsx bench/conductor-throughput.ts   (jar: scripts/fetch-conductor.sh)
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startConductor } from '../scripts/services/conductor.js';
import { ConductorClient, registerDefinitions, WorkerHost, type ConductorWorkflow } from '../src/conductor/index.js';
import { fanoutInput, fanoutWorkflow, noopTaskDef, noopWorker } from './fanout-workflow.js';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 64);
const noop = noopWorker(CONCURRENCY);

function report(label: string, tasks: number, ms: number): void {
  console.log(`${label.padEnd(52)} ${String(tasks).padStart(5)} tasks  ${ms.toFixed(0).padStart(7)} ms  ${(ms / tasks).toFixed(2)} ms/task  ${((tasks / ms) * 1000).toFixed(1)} tasks/s`);
}

async function runToEnd(client: ConductorClient, items: number): Promise<{ wf: ConductorWorkflow; ms: number }> {
  const t0 = performance.now();
  const id = await client.startWorkflow(fanoutWorkflow.name, fanoutInput(items));
  for (;;) {
    // Without tasks: the 1,000-task record is large, and reading it would weigh on the measurement.
    const wf = await client.getWorkflow(id, { includeTasks: false });
    if (wf.status !== 'RUNNING') return { wf: await client.getWorkflow(id), ms: performance.now() - t0 };
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const server = await startConductor({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  const client = new ConductorClient({ baseUrl: server.url, requestTimeoutMs: 120_000 });
  const host = new WorkerHost({ client, workers: [noop], pollTimeoutMs: 500, workerId: 'bench:0:bench' });
  try {
    await registerDefinitions(client, { taskDefs: [noopTaskDef], workflowDefs: [fanoutWorkflow] });
    host.start();
    // Warm-up: JIT on both sides, SQLite page cache.
    const warm = await runToEnd(client, 100);
    if (warm.wf.status !== 'COMPLETED') throw new Error(`warm-up ended ${warm.wf.status}`);
    report('warm-up: dynamic fork of 100 no-op tasks', 100, warm.ms);

    const { wf, ms } = await runToEnd(client, 1000);
    const noops = wf.tasks.filter((t) => t.taskType === 'bench_noop');
    if (wf.status !== 'COMPLETED' || noops.length !== 1000) throw new Error(`fan-out ended ${wf.status} with ${noops.length} tasks`);
    report(`dynamic fork of 1,000 no-op tasks (worker concurrency ${CONCURRENCY})`, 1000, ms);
    const first = Math.min(...noops.map((t) => t.scheduledTime));
    const lastEnd = Math.max(...noops.map((t) => t.endTime));
    const join = wf.tasks.find((t) => t.referenceTaskName === 'fan_join')!;
    console.log(`  fork scheduled in ${first - wf.startTime} ms; last branch done ${lastEnd - first} ms after the first was scheduled; JOIN done ${join.endTime - lastEnd} ms after the last branch; workflow end ${wf.endTime - join.endTime} ms after the JOIN`);
  } finally {
    await host.stop(0);
    await server.stop();
  }
}

await main();
