import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../cli-error.js';

/** Definitions read from the files named on the command line. */
export interface DefinitionFiles {
  /** Workflow definitions in file order; the first is the one `run` starts. */
  workflows: Record<string, unknown>[];
  taskDefs: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads JSON files holding a WorkflowDef, or a list of WorkflowDefs and/or
 * TaskDefs (an item with `tasks` is a workflow, anything else a task def).
 */
export function readDefinitionFiles(paths: readonly string[]): DefinitionFiles {
  const out: DefinitionFiles = { workflows: [], taskDefs: [] };
  for (const path of paths) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(resolve(path), 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const item of Array.isArray(json) ? json : [json]) {
      if (isRecord(item) && 'tasks' in item) out.workflows.push(item);
      else out.taskDefs.push(item);
    }
  }
  return out;
}

