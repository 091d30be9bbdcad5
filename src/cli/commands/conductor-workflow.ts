import { openConductorPipeline } from '../../app/conductor-pipeline.js';
import { loadCliConfig } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { createCliLogger } from '../cli-logger.js';

const usage = `usage: polyphony workflow get|retry|restart|resume|pause|terminate <id> --engine conductor [--no-local-workers] [--reason <text>]
Operates on a run of the Conductor server at CONDUCTOR_SERVER_URL through its own API
(retry re-creates the failed tasks, as Conductor does). retry, restart and resume then
follow the run to its end, with the pipeline's workers hosted here unless --no-local-workers,
and print the Workflow JSON; the exit code is 0 only when it COMPLETED.`;

const following = new Set(['retry', 'restart', 'resume']);

/** `polyphony workflow … --engine conductor`: the same subcommands against a Conductor server. */
export async function conductorWorkflowCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    usage,
    { engine: { type: 'string' }, 'no-local-workers': { type: 'boolean', default: false }, reason: { type: 'string' } },
    true,
  );
  const [sub, id] = parsed.positionals;
  if (!sub || !id) throw new CliError(usage, 2);
  const config = loadCliConfig();
  if (!config.conductorUrl) throw new CliError('--engine conductor needs CONDUCTOR_SERVER_URL (e.g. http://127.0.0.1:8080/api)');
  const localWorkers = following.has(sub) && !parsed.values['no-local-workers'];
  const runner = await openConductorPipeline(config, createCliLogger(process.stderr), { localWorkers });
  const { client } = runner;
  try {
    switch (sub) {
      case 'get':
        break;
      case 'retry':
        await client.retryWorkflow(id);
        break;
      case 'restart':
        await client.restartWorkflow(id);
        break;
      case 'resume':
        await client.resumeWorkflow(id);
        break;
      case 'pause':
        await client.pauseWorkflow(id);
        break;
      case 'terminate':
        await client.terminateWorkflow(id, parsed.values.reason);
        break;
      default:
        throw new CliError(`unknown workflow subcommand '${sub}' for --engine conductor\n${usage}`, 2);
    }
    const wf = following.has(sub) ? await runner.follow(id, { signal: new AbortController().signal }) : await client.getWorkflow(id);
    process.stdout.write(`${JSON.stringify(wf, null, 2)}\n`);
    return following.has(sub) && wf.status !== 'COMPLETED' ? 1 : 0;
  } finally {
    await runner.close();
  }
}
