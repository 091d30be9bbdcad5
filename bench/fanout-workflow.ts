// The no-op fan-out the throughput benches run, one definition for both runtimes.
import type { Worker } from '../src/runtime/worker.js';

export const noopTaskDef = { name: 'bench_noop', retryCount: 0, timeoutSeconds: 600, responseTimeoutSeconds: 300 };

/** A dynamic fork of `bench_noop` tasks over `workflow.input.items`, then its JOIN. */
export const fanoutWorkflow = {
  name: 'bench_fanout',
  version: 1,
  schemaVersion: 2,
  tasks: [
    { name: 'fan', taskReferenceName: 'fan', type: 'FORK_JOIN_DYNAMIC', inputParameters: { forkTaskName: 'bench_noop', forkTaskInputs: '${workflow.input.items}' } },
    { name: 'fan_join', taskReferenceName: 'fan_join', type: 'JOIN' },
  ],
};

/** A worker that does nothing, so only the runtime's own cost is measured. */
export const noopWorker = (concurrency: number): Worker => ({ taskType: 'bench_noop', concurrency, execute: async () => ({}) });

/** The workflow input for a fan-out of `n` branches. */
export const fanoutInput = (n: number) => ({ items: Array.from({ length: n }, (_, i) => ({ i })) });
