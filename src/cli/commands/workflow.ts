import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  EngineError,
  openEngine,
  validateWorkflowDef,
  WorkflowDefinitionError,
  type Engine,
  type Workflow,
} from '../../engine/index.js';
import type { Worker } from '../../runtime/worker.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { loadWorkersModule } from '../workers-module.js';
import { readDefinitionFiles } from './workflow-files.js';

const usage = `usage: polyphony workflow run <definition.json> [more definitions.json...] [--input <json>] [--workers <module>]...
       polyphony workflow get <id>
       polyphony workflow list [--status S] [--name N] [--json]
       polyphony workflow retry|restart|resume <id> [--workers <module>]...
       polyphony workflow pause <id>
       polyphony workflow terminate <id> [--reason <text>]
Runs Conductor workflow definitions on the embedded engine ($POLYPHONY_HOME/engine.db,
default ~/.polyphony). run, retry, restart and resume drive the workflow to its end and
print the Workflow JSON; the exit code is 0 only when it COMPLETED.
--workers names a module exporting \`workers: Worker[]\`.`;

/** Where the embedded engine keeps its database. */
export function engineDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['POLYPHONY_HOME'] || join(homedir(), '.polyphony'), 'engine.db');
}

function print(json: unknown): void {
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
}

/** Runs `fn` on an open engine and always closes it; engine refusals become CLI errors. */
async function withEngine<T>(workers: readonly Worker[], fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = openEngine({ dbPath: engineDbPath(), workers });
  try {
    return await fn(engine);
  } catch (error) {
    if (error instanceof EngineError) throw new CliError(error.message);
    if (error instanceof WorkflowDefinitionError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    engine.close();
  }
}

/** Drives a workflow to its end, stopping (and leaving it RUNNING for `resume`) on SIGINT/SIGTERM. */
async function driveAndPrint(engine: Engine, id: string): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let wf: Workflow;
  try {
    wf = await engine.runUntilDone(id, { signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) {
      process.stderr.write(`polyphony: interrupted; workflow ${id} stays RUNNING (polyphony workflow resume ${id})\n`);
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  print(wf);
  return wf.status === 'COMPLETED' ? 0 : 1;
}

/**
 * `polyphony workflow …`. `defaults` supplies the workers used besides those
 * given with --workers; the pipeline passes its task workers through it.
 */
export async function workflowCommand(argv: string[], defaults?: () => Promise<readonly Worker[]>): Promise<number> {
  const parsed = parseCommandArgs(argv, usage, {
    input: { type: 'string' },
    workers: { type: 'string', multiple: true },
    status: { type: 'string' },
    name: { type: 'string' },
    reason: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, true);
  const { values, positionals } = parsed;
  const [sub, ...args] = positionals;
  if (values.help || !sub) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const loadWorkers = async (): Promise<Worker[]> => {
    const list: Worker[] = [...((await defaults?.()) ?? [])];
    for (const path of values.workers ?? []) list.push(...(await loadWorkersModule(path)));
    return list;
  };
  const needId = (): string => {
    const id = args[0];
    if (!id) throw new CliError(`workflow ${sub} needs a workflow id\n${usage}`, 2);
    return id;
  };

  switch (sub) {
    case 'run': {
      if (args.length === 0) throw new CliError(`workflow run needs a definition file\n${usage}`, 2);
      let input: unknown = {};
      if (values.input !== undefined) {
        try {
          input = JSON.parse(values.input);
        } catch (error) {
          throw new CliError(`--input is not JSON: ${error instanceof Error ? error.message : String(error)}`, 2);
        }
        if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new CliError('--input must be a JSON object', 2);
      }
      const files = readDefinitionFiles(args);
      const main = files.workflows[0];
      if (!main) throw new CliError(`${args[0]} holds no workflow definition`, 2);
      const workers = await loadWorkers();
      // Everything is checked before anything is registered or run.
      const problems = files.workflows.flatMap((def) =>
        validateWorkflowDef(def, { workers }).map((p) => `  ${String(def['name'] ?? '?')}: ${p.path}: ${p.message}`),
      );
      if (problems.length > 0) throw new CliError(`invalid workflow definition:\n${problems.join('\n')}`, 2);
      return withEngine(workers, async (engine) => {
        engine.registerTaskDefs(files.taskDefs);
        // Sub-workflows first, so the main definition can name them.
        for (const def of [...files.workflows].reverse()) engine.registerWorkflow(def);
        const version = typeof main['version'] === 'number' ? main['version'] : undefined;
        const id = await engine.startWorkflow(String(main['name']), input as Record<string, unknown>, version === undefined ? {} : { version });
        process.stderr.write(`workflow ${id} started\n`);
        return driveAndPrint(engine, id);
      });
    }
    case 'get': {
      const id = needId();
      return withEngine([], async (engine) => {
        const wf = engine.getWorkflow(id, true);
        if (!wf) throw new CliError(`no workflow '${id}'`);
        print(wf);
        return 0;
      });
    }
    case 'list':
      return withEngine([], async (engine) => {
        const filter = { ...(values.status ? { status: values.status } : {}), ...(values.name ? { name: values.name } : {}) };
        const list = engine.listWorkflows(filter);
        if (values.json) {
          print(list);
        } else {
          for (const wf of list) {
            const created = new Date(wf.createTime).toISOString();
            process.stdout.write(`${wf.workflowId}  ${wf.status.padEnd(10)}  ${created}  ${wf.workflowName} v${wf.workflowVersion}\n`);
          }
        }
        return 0;
      });
    case 'retry':
    case 'restart':
    case 'resume': {
      const id = needId();
      const workers = await loadWorkers();
      return withEngine(workers, async (engine) => {
        if (sub === 'retry') engine.retry(id);
        else if (sub === 'restart') engine.restart(id);
        else engine.resume(id);
        return driveAndPrint(engine, id);
      });
    }
    case 'pause':
    case 'terminate': {
      const id = needId();
      return withEngine([], async (engine) => {
        if (sub === 'pause') engine.pause(id);
        else engine.terminate(id, values.reason);
        print(engine.getWorkflow(id, true));
        return 0;
      });
    }
    default:
      throw new CliError(`unknown workflow subcommand '${sub}'\n${usage}`, 2);
  }
}
