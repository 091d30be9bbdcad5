import { openAppResources, type AppResources } from '../../app/app-resources.js';
import { pipelineWorkers } from '../../app/pipeline-workers.js';
import { loadCliConfig } from '../cli-config.js';
import { createCliLogger } from '../cli-logger.js';
import { conductorWorkflowCommand } from './conductor-workflow.js';
import { workflowCheckCommand } from './workflow-check.js';
import { workflowCommand } from './workflow.js';

/** `--engine conductor` (or `--engine=conductor`), else POLYPHONY_ENGINE. */
function wantsConductor(argv: readonly string[]): boolean {
  const i = argv.indexOf('--engine');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length);
  return (flag ?? process.env['POLYPHONY_ENGINE']) === 'conductor';
}

/** The arguments less an `--engine embedded` the embedded subcommands do not take. */
function withoutEngineFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--engine') i++;
    else if (!argv[i]!.startsWith('--engine=')) out.push(argv[i]!);
  }
  return out;
}

/**
 * `polyphony workflow …` with the pipeline's task workers available, so that
 * `resume` and `retry` of a `process` run continue it here. The resources
 * behind the workers are opened only when a subcommand needs workers, and
 * closed when it returns.
 */
export async function pipelineWorkflowCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'check') return workflowCheckCommand(argv.slice(1));
  if (wantsConductor(argv)) return conductorWorkflowCommand(argv);
  argv = withoutEngineFlag(argv);
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
