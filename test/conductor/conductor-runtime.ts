import { setTimeout as sleep } from 'node:timers/promises';
import { workflowSchema, type Workflow } from '../../src/engine/index.js';
import { registerDefinitions, WorkerHost, type ConductorClient, type ConductorWorkflow } from '../../src/conductor/index.js';
import type { Worker } from '../../src/runtime/worker.js';
import type { RuntimeFactory, WorkflowRuntime } from '../conformance/runtime.js';

/**
 * Where Conductor's recorded Workflow does not fit the embedded engine's
 * schema (the engine promises to record Conductor's shape). Collected per
 * runtime so the conformance test can report them.
 */
export interface ShapeMismatch {
  readonly workflowId: string;
  readonly issues: readonly string[];
}

/** The conformance WorkflowRuntime over a real Conductor server: REST for the workflow, a WorkerHost for the workers. */
export function conductorRuntime(client: ConductorClient, mismatches: ShapeMismatch[] = []): RuntimeFactory {
  return {
    name: 'conductor',
    async create(workers: readonly Worker[]): Promise<WorkflowRuntime> {
      const host = new WorkerHost({ client, workers, pollTimeoutMs: 200, workerId: 'test-host:1:conformance' });
      host.start();
      const toEngineShape = (wf: ConductorWorkflow): Workflow => {
        const parsed = workflowSchema.safeParse(wf);
        if (!parsed.success) {
          mismatches.push({
            workflowId: wf.workflowId,
            issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
          });
        }
        // The Conductor record as is: the differences are what this runtime is here to show.
        return wf as unknown as Workflow;
      };
      const register = async (taskDefs: unknown[], workflowDefs: unknown[]): Promise<void> => {
        const failed = (await registerDefinitions(client, { taskDefs, workflowDefs })).filter((r) => r.status === 'Error');
        if (failed.length > 0) throw new Error(failed.map((r) => `${r.name}: ${r.error}`).join('; '));
      };
      return {
        registerTaskDefs: (defs) => register(defs, []),
        registerWorkflow: (def) => register([], [def]),
        start: (name, input) => client.startWorkflow(name, input),
        async waitForTerminal(id, timeoutMs) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const wf = await client.getWorkflow(id);
            if (wf.status !== 'RUNNING' && wf.status !== 'PAUSED') return toEngineShape(wf);
            if (Date.now() > deadline) throw new Error(`workflow ${id} still ${wf.status} after ${timeoutMs} ms`);
            await sleep(200);
          }
        },
        get: async (id) => toEngineShape(await client.getWorkflow(id)),
        close: () => host.stop(0),
      };
    },
  };
}
