import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Worker } from '../runtime/worker.js';
import type { WorkflowFilter } from './engine-store.js';
import type { WorkflowDef } from './workflow-def-schema.js';
import type { Workflow } from './workflow-schema.js';

/** How the engine is opened. */
export interface EngineOptions {
  /** SQLite file (created with its folder when missing); `:memory:` works for throwaway runs. */
  dbPath: string;
  workers: readonly Worker[];
  clock?: Clock;
  log?: Logger;
  /** Recorded on every task this process executes; defaults to `host:pid:version`. */
  workerId?: string;
}

/** Options of `runUntilDone`. */
export interface RunOptions {
  signal?: AbortSignal;
  /** Called after every recorded change of the workflow (task scheduled, started, finished…). */
  onChange?: (wf: Workflow) => void;
}

/** The embedded workflow engine: Conductor semantics, durable on SQLite, in-process. */
export interface Engine {
  /** Registers (upserts) TaskDefs; each is schema-parsed with Conductor's defaults. */
  registerTaskDefs(defs: unknown[]): void;
  /** Validates and registers (upserts) a WorkflowDef; throws WorkflowDefinitionError listing each problem. */
  registerWorkflow(def: unknown): WorkflowDef;
  /** Starts a run of a registered workflow (latest version unless given) and begins driving it. */
  startWorkflow(name: string, input: Record<string, unknown>, options?: { version?: number; correlationId?: string }): Promise<string>;
  /** Drives the run (and its sub-workflows) until it is terminal or PAUSED, and returns it. */
  runUntilDone(workflowId: string, options?: RunOptions): Promise<Workflow>;
  getWorkflow(id: string, includeTasks?: boolean): Workflow | undefined;
  /** Workflow summaries (no tasks), newest first. */
  listWorkflows(filter?: WorkflowFilter): Workflow[];
  retry(id: string): void;
  restart(id: string): void;
  resume(id: string): void;
  pause(id: string): void;
  terminate(id: string, reason?: string): void;
  /** Aborts running workers and closes the database; unfinished runs stay RUNNING for `resume`. */
  close(): void;
}

/** An operation that does not apply to the workflow's state (retrying a COMPLETED run, …). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
}
