import { openAppResources } from '../../app/app-resources.js';
import { pipelineDefinitions } from '../../app/pipeline-definitions.js';
import { pipelineWorkers } from '../../app/pipeline-workers.js';
import { loadCliConfig } from '../cli-config.js';
import { createCliLogger } from '../cli-logger.js';
import { workerCommand } from './worker.js';

/**
 * `polyphony worker` hosting the pipeline's task workers by default. Every
 * worker machine must reach the same database (DATABASE_URL, PostgreSQL) and
 * blob store (POLYPHONY_BLOB_DIR on shared storage) and see the recordings at
 * the same paths: that shared state is what lets several machines split one run.
 */
export function pipelineWorkerCommand(argv: string[]): Promise<number> {
  return workerCommand(argv, async () => {
    const resources = await openAppResources(loadCliConfig(), createCliLogger(process.stderr));
    const { taskDefs, workflows } = pipelineDefinitions();
    return {
      workers: pipelineWorkers(resources, 'shared'),
      definitions: { taskDefs, workflowDefs: workflows },
      close: () => resources.close(),
    };
  });
}
