/**
 * Engine overhead: 1,000 no-op tasks in one dynamic fork, and 50 workflows of
 * 20 sequential no-op tasks running at once, on a SQLite file in WAL mode.
 * The workers do nothing, so all measured time is the engine's (deciding,
 * recording every transition in SQLite, dispatching).
 * Run: node --import tsx bench/engine-throughput.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEngine } from '../src/engine/index.js';
import type { Worker } from '../src/runtime/worker.js';

const noop: Worker = { taskType: 'noop', concurrency: 64, execute: async () => ({}) };

function report(label: string, tasks: number, ms: number): void {
  console.log(`${label.padEnd(46)} ${String(tasks).padStart(5)} tasks  ${ms.toFixed(0).padStart(6)} ms  ${(ms / tasks).toFixed(3)} ms/task  ${Math.round((tasks / ms) * 1000)} tasks/s`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-'));
  const engine = openEngine({ dbPath: join(dir, 'engine.db'), workers: [noop], workerId: 'bench:0:bench' });
  try {
    engine.registerTaskDefs([{ name: 'noop', retryCount: 0 }]);
    engine.registerWorkflow({
      name: 'fanout',
      tasks: [
        { name: 'fan', taskReferenceName: 'fan', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'noop', forkTaskInputs: '${workflow.input.items}' } },
        { name: 'fan_join', taskReferenceName: 'fan_join', type: 'JOIN' },
      ],
    });
    engine.registerWorkflow({
      name: 'chain',
      tasks: Array.from({ length: 20 }, (_, i) => ({ name: 'noop', taskReferenceName: `n${i}`, inputParameters: { i } })),
    });

    // Warm-up: JIT, prepared statements, page cache.
    await engine.runUntilDone(await engine.startWorkflow('fanout', { items: Array.from({ length: 100 }, (_, i) => ({ i })) }));

    const items = Array.from({ length: 1000 }, (_, i) => ({ i }));
    let t0 = performance.now();
    const fan = await engine.runUntilDone(await engine.startWorkflow('fanout', { items }));
    const fanMs = performance.now() - t0;
    if (fan.status !== 'COMPLETED' || fan.tasks.length !== 1002) throw new Error(`fan-out ended ${fan.status} with ${fan.tasks.length} tasks`);
    report('1 workflow, dynamic fork of 1,000 no-op tasks', 1000, fanMs);

    t0 = performance.now();
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.startWorkflow('chain', {}, { correlationId: `c${i}` })));
    const done = await Promise.all(ids.map((id) => engine.runUntilDone(id)));
    const chainMs = performance.now() - t0;
    if (done.some((wf) => wf.status !== 'COMPLETED')) throw new Error('a chained workflow did not complete');
    report('50 workflows at once, 20 sequential no-ops each', 1000, chainMs);
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
