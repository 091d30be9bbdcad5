import { readFileSync } from 'node:fs';
import type { CallOptions, ConductorClient } from './conductor-client.js';
import type { TaskDefJson, WorkflowDefJson } from './conductor-schemas.js';

/** The outcome for one definition (Kysely-style per-item result). */
export interface RegistrationResult {
  readonly kind: 'taskDef' | 'workflowDef';
  readonly name: string;
  readonly status: 'Success' | 'Error';
  readonly error?: string;
}

/** Definitions to register: the same JSON the embedded engine reads from workflows/. */
export interface Definitions {
  readonly taskDefs: readonly unknown[];
  readonly workflowDefs: readonly unknown[];
}

function named(value: unknown, what: string, index: number): { name: string } & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || typeof (value as { name?: unknown }).name !== 'string') {
    throw new Error(`${what}[${index}]: not an object with a string "name"`);
  }
  return value as { name: string } & Record<string, unknown>;
}

/**
 * Registers task definitions, then workflow definitions. Both calls are
 * upserts on the server, so running this again (every worker start does) is
 * harmless. Task defs go first: a workflow naming an unknown SIMPLE task is
 * rejected. Throws only on malformed input; server errors are per item.
 */
export async function registerDefinitions(
  client: ConductorClient,
  definitions: Definitions,
  options: CallOptions = {},
): Promise<RegistrationResult[]> {
  const taskDefs: TaskDefJson[] = definitions.taskDefs.map((d, i) => named(d, 'taskDefs', i));
  const workflowDefs = definitions.workflowDefs.map((d, i) => {
    const def = named(d, 'workflowDefs', i);
    if (!Array.isArray(def['tasks'])) throw new Error(`workflowDefs[${i}] (${def.name}): "tasks" is not an array`);
    return def as WorkflowDefJson;
  });
  const results: RegistrationResult[] = [];
  if (taskDefs.length > 0) {
    try {
      await client.registerTaskDefs(taskDefs, options);
      for (const d of taskDefs) results.push({ kind: 'taskDef', name: d.name, status: 'Success' });
    } catch (error) {
      // The server validates the batch as a whole: the error applies to each.
      const message = error instanceof Error ? error.message : String(error);
      for (const d of taskDefs) results.push({ kind: 'taskDef', name: d.name, status: 'Error', error: message });
    }
  }
  // One at a time, in the order given: a workflow may name a sub-workflow registered just before it.
  for (const def of workflowDefs) {
    try {
      const bulk = await client.upsertWorkflowDefs([def], options);
      const failure = Object.values(bulk.bulkErrorResults)[0];
      results.push(
        failure === undefined
          ? { kind: 'workflowDef', name: def.name, status: 'Success' }
          : { kind: 'workflowDef', name: def.name, status: 'Error', error: failure },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ kind: 'workflowDef', name: def.name, status: 'Error', error: message });
    }
  }
  return results;
}

/** Throws one error listing every definition that failed to register. */
export function assertRegistered(results: readonly RegistrationResult[]): void {
  const failed = results.filter((r) => r.status === 'Error');
  if (failed.length > 0) {
    throw new Error(`registration failed for ${failed.map((r) => `${r.kind} ${r.name}: ${r.error}`).join('; ')}`);
  }
}

/**
 * Reads a definitions file: an array of TaskDefs, one WorkflowDef, an array
 * of WorkflowDefs, or `{ taskDefs, workflowDefs }`. A WorkflowDef is told
 * apart from a TaskDef by its `tasks` array.
 */
export function readDefinitionsFile(path: string): Definitions {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && ('taskDefs' in json || 'workflowDefs' in json)) {
    const { taskDefs = [], workflowDefs = [] } = json as { taskDefs?: unknown[]; workflowDefs?: unknown[] };
    return { taskDefs, workflowDefs };
  }
  const items = Array.isArray(json) ? json : [json];
  const isWorkflow = (d: unknown): boolean => typeof d === 'object' && d !== null && Array.isArray((d as { tasks?: unknown }).tasks);
  return { taskDefs: items.filter((d) => !isWorkflow(d)), workflowDefs: items.filter(isWorkflow) };
}
