import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../config/app-config.js';
import { assertRegistered, ConductorClient, registerDefinitions, waitForConductor, WorkerHost, type ConductorWorkflow } from '../conductor/index.js';
import type { Logger } from '../runtime/logger.js';
import { openAppResources } from './app-resources.js';
import { PIPELINE_WORKFLOW, pipelineDefinitions } from './pipeline-definitions.js';
import type { PipelineRunner } from './pipeline-runner.js';
import { pipelineWorkers } from './pipeline-workers.js';

const terminal = new Set(['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED']);

/**
 * The pipeline on a Conductor OSS server: registers the same definitions the
 * embedded engine runs, optionally hosts the workers in this process (other
 * machines may run `polyphony worker` against the same server, database and
 * blob store), starts runs and follows them by polling the workflow API.
 */
export async function openConductorPipeline(
  config: AppConfig,
  log: Logger,
  options: { localWorkers: boolean; pollIntervalMs?: number },
): Promise<PipelineRunner & { engine: 'conductor'; client: ConductorClient }> {
  if (!config.conductorUrl) throw new Error('CONDUCTOR_SERVER_URL is required for the conductor engine');
  const client = new ConductorClient({ baseUrl: config.conductorUrl });
  await waitForConductor(client, { logger: log });
  const { taskDefs, workflows } = pipelineDefinitions();
  assertRegistered(await registerDefinitions(client, { taskDefs, workflowDefs: workflows }));
  const resources = await openAppResources(config, log);
  const host = options.localWorkers ? new WorkerHost({ client, workers: pipelineWorkers(resources), logger: log, pollTimeoutMs: 500 }) : undefined;
  host?.start();
  const interval = options.pollIntervalMs ?? 500;
  const followUntilTerminal = async (id: string, signal: AbortSignal, onChange?: (wf: ConductorWorkflow) => void) => {
    for (;;) {
      const wf = await client.getWorkflow(id, { includeTasks: true, signal });
      onChange?.(wf);
      if (terminal.has(wf.status) || signal.aborted) return wf;
      await sleep(interval, undefined, { signal }).catch(() => undefined);
    }
  };
  /** Follows the failure workflow, which the server creates asynchronously: it may not exist yet. */
  const followFailureWorkflow = async (id: string, signal: AbortSignal) => {
    for (;;) {
      try {
        return await followUntilTerminal(id, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        await sleep(interval, undefined, { signal }).catch(() => undefined);
      }
    }
  };
  return {
    engine: 'conductor',
    client,
    resources,
    start: (input) => client.startWorkflow(PIPELINE_WORKFLOW, input),
    async follow(id, { signal, onChange }) {
      const wf = await followUntilTerminal(id, signal, onChange);
      // The server starts the failure workflow (which marks the transcript as an
      // error); when our workers run here, let them finish it before stopping.
      let failureId = wf.output['conductor.failure_workflow'];
      for (let i = 0; host && wf.status !== 'COMPLETED' && failureId === undefined && i < 10 && !signal.aborted; i++) {
        await sleep(interval, undefined, { signal }).catch(() => undefined);
        failureId = (await client.getWorkflow(id, { includeTasks: false, signal })).output['conductor.failure_workflow'];
      }
      if (host && wf.status !== 'COMPLETED' && typeof failureId === 'string' && !signal.aborted) {
        await followFailureWorkflow(failureId, AbortSignal.any([signal, AbortSignal.timeout(60_000)])).catch((error: unknown) =>
          log.warn('failure workflow did not finish', { workflowId: failureId, error: String(error) }),
        );
      }
      return wf;
    },
    async close() {
      if (host) await host.stop();
      await resources.close();
    },
  };
}
