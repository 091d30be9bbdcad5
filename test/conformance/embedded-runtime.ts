import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTerminalWorkflowStatus, openEngine, type Workflow } from '../../src/engine/index.js';
import type { Worker } from '../../src/runtime/worker.js';
import type { RuntimeFactory, WorkflowRuntime } from './runtime.js';

/** The embedded engine on a throwaway SQLite file. */
export const embeddedRuntime: RuntimeFactory = {
  name: 'embedded',
  async create(workers: readonly Worker[]): Promise<WorkflowRuntime> {
    const dir = mkdtempSync(join(tmpdir(), 'polyphony-conformance-'));
    const engine = openEngine({ dbPath: join(dir, 'engine.db'), workers, workerId: 'test-host:1:conformance' });
    return {
      async registerTaskDefs(defs) {
        engine.registerTaskDefs(defs);
      },
      async registerWorkflow(def) {
        engine.registerWorkflow(def);
      },
      start: (name, input) => engine.startWorkflow(name, input),
      async waitForTerminal(id, timeoutMs): Promise<Workflow> {
        const wf = await engine.runUntilDone(id, { signal: AbortSignal.timeout(timeoutMs) });
        if (!isTerminalWorkflowStatus(wf.status)) throw new Error(`workflow ${id} stopped as ${wf.status}`);
        return wf;
      },
      async get(id) {
        const wf = engine.getWorkflow(id, true);
        if (!wf) throw new Error(`no workflow ${id}`);
        return wf;
      },
      async close() {
        engine.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
