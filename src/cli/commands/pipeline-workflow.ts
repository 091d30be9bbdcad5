import { openAppResources, type AppResources } from '../../app/app-resources.js';
import { pipelineWorkers } from '../../app/pipeline-workers.js';
import { loadCliConfig } from '../cli-config.js';
import { createCliLogger } from '../cli-logger.js';
import { workflowCheckCommand } from './workflow-check.js';
import { workflowCommand } from './workflow.js';

/**
 * `polyphony workflow …` with the pipeline's task workers available, so that
 * `resume` and `retry` of a `process` run continue it here. The resources
 * behind the workers are opened only when a subcommand needs workers, and
 * closed when it returns.
 */
export async function pipelineWorkflowCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'check') return workflowCheckCommand(argv.slice(1));
  let resources: AppResources | undefined;
  try {
    return await workflowCommand(argv, async () => {
      resources = await openAppResources(loadCliConfig(), createCliLogger(process.stderr));
      return pipelineWorkers(resources);
    });
  } finally {
    await resources?.close();
  }
}
