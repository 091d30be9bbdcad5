import { existsSync } from 'node:fs';
import { openEngine } from '../engine/index.js';
import { runRecordSchema } from './run-record.js';
import type { RunSource } from './run-source.js';

/** No engine database at the path: nothing has run here yet (or POLYPHONY_HOME points elsewhere). */
export class RunSourceUnavailableError extends Error {
  override readonly name = 'RunSourceUnavailableError';
}

/**
 * Runs recorded by the embedded engine in its SQLite file. The engine is
 * opened without workers, so it only reads: nothing is driven or taken over.
 */
export function openEmbeddedRunSource(dbPath: string): RunSource {
  // openEngine would create an empty database; a typo in POLYPHONY_HOME should say so instead.
  if (!existsSync(dbPath)) throw new RunSourceUnavailableError(`no engine database at ${dbPath} (is POLYPHONY_HOME right?)`);
  const engine = openEngine({ dbPath, workers: [] });
  return {
    kind: 'embedded',
    location: dbPath,
    async getRun(workflowId) {
      const wf = engine.getWorkflow(workflowId, true);
      return wf === undefined ? undefined : runRecordSchema.parse(wf);
    },
    close: () => engine.close(),
  };
}
