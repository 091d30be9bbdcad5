import { ConductorRequestError, type ConductorClient } from '../conductor/index.js';
import { runRecordSchema } from './run-record.js';
import type { RunSource } from './run-source.js';

/** Runs recorded by a Conductor server, read through its workflow API. */
export function conductorRunSource(client: ConductorClient): RunSource {
  return {
    kind: 'conductor',
    location: client.baseUrl,
    async getRun(workflowId, signal) {
      try {
        const wf = await client.getWorkflow(workflowId, { includeTasks: true, ...(signal ? { signal } : {}) });
        return runRecordSchema.parse(wf);
      } catch (error) {
        if (error instanceof ConductorRequestError && error.status === 404) return undefined;
        throw error;
      }
    },
    close: () => {},
  };
}
