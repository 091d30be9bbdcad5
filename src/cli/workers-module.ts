import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from '../runtime/worker.js';
import { CliError } from './cli-error.js';

/** Loads `workers` (or `default.workers`) from a module path given with --workers. */
export async function loadWorkersModule(path: string): Promise<Worker[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot load --workers ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const workers = mod['workers'] ?? (mod['default'] as { workers?: unknown } | undefined)?.workers;
  if (!Array.isArray(workers)) throw new CliError(`--workers ${path}: the module has no \`workers\` array export`);
  return workers as Worker[];
}
