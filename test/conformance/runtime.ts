import type { Workflow } from '../../src/engine/index.js';
import type { Worker } from '../../src/runtime/worker.js';

/**
 * What the conformance suite needs from a runtime. The embedded engine
 * implements it in embedded-runtime.ts; a real Conductor server (through its
 * REST API and a worker poller hosting the same Worker objects) can too.
 */
export interface WorkflowRuntime {
  registerTaskDefs(defs: unknown[]): Promise<void>;
  registerWorkflow(def: unknown): Promise<void>;
  start(name: string, input: Record<string, unknown>): Promise<string>;
  /** Resolves with the workflow (tasks included) once it is terminal; rejects after timeoutMs. */
  waitForTerminal(id: string, timeoutMs: number): Promise<Workflow>;
  get(id: string): Promise<Workflow>;
  close(): Promise<void>;
}

/** Creates a fresh runtime hosting the given workers. */
export interface RuntimeFactory {
  readonly name: string;
  create(workers: readonly Worker[]): Promise<WorkflowRuntime>;
}
