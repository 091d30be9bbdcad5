import {
  ConductorClient,
  readDefinitionsFile,
  registerDefinitions,
  ServerNotReadyError,
  stopOnSignals,
  waitForConductor,
  WorkerHost,
  type Definitions,
} from '../../conductor/index.js';
import type { Worker } from '../../runtime/worker.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { createCliLogger } from '../cli-logger.js';
import { loadWorkersModule } from '../workers-module.js';

const usage = `usage: polyphony worker [--workers <module>] [--defs <file.json>]... [--tasks a,b] [--concurrency N]
                        [--server <url>] [--grace <seconds>] [--no-register]
Hosts workers for a Conductor server (CONDUCTOR_SERVER_URL, default http://127.0.0.1:8080/api)
until SIGINT/SIGTERM. --workers names a module exporting \`workers: Worker[]\`.`;

/** What the command hosts and registers. The pipeline's defaults are wired in through this seam. */
export interface WorkerSetup {
  readonly workers: readonly Worker[];
  readonly definitions: Definitions;
  /** Releases resources the workers hold (database pools, temp dirs) after the host stops. */
  close?(): Promise<void>;
}


/** Same worker, different concurrency (wrapped, not spread: a worker may be a class instance). */
function withConcurrency(worker: Worker, concurrency: number): Worker {
  return { taskType: worker.taskType, concurrency, execute: (input, execution) => worker.execute(input, execution) };
}

/**
 * `polyphony worker`: waits for the server, registers definitions, then runs
 * a worker host until SIGINT/SIGTERM. `defaults` supplies workers and
 * definitions when --workers is not given (the pipeline's, once wired).
 */
export async function workerCommand(argv: string[], defaults?: () => Promise<WorkerSetup>): Promise<number> {
  const { values } = parseCommandArgs(argv, usage, {
    workers: { type: 'string' },
    defs: { type: 'string', multiple: true },
    tasks: { type: 'string' },
    concurrency: { type: 'string' },
    server: { type: 'string' },
    grace: { type: 'string', default: '30' },
    'poll-timeout': { type: 'string', default: '1000' },
    'no-register': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const positive = (name: string, raw: string | undefined, allowZero = false): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new CliError(`--${name} must be a positive number, got '${raw}'`, 2);
    return n;
  };
  const concurrency = positive('concurrency', values.concurrency);
  if (concurrency !== undefined && !Number.isInteger(concurrency)) throw new CliError('--concurrency must be a whole number', 2);
  const graceMs = (positive('grace', values.grace, true) ?? 30) * 1000;
  const pollTimeoutMs = positive('poll-timeout', values['poll-timeout']) ?? 1000;

  let setup: WorkerSetup;
  if (values.workers) {
    setup = { workers: await loadWorkersModule(values.workers), definitions: { taskDefs: [], workflowDefs: [] } };
  } else if (defaults) {
    setup = await defaults();
  } else {
    throw new CliError(`no workers to host: pass --workers <module>\n${usage}`, 2);
  }
  const extra = (values.defs ?? []).map((file) => {
    try {
      return readDefinitionsFile(file);
    } catch (error) {
      throw new CliError(`--defs ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const definitions: Definitions = {
    taskDefs: [...setup.definitions.taskDefs, ...extra.flatMap((d) => d.taskDefs)],
    workflowDefs: [...setup.definitions.workflowDefs, ...extra.flatMap((d) => d.workflowDefs)],
  };

  let workers = [...setup.workers];
  if (values.tasks) {
    const wanted = values.tasks.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = wanted.filter((t) => !workers.some((w) => w.taskType === t));
    if (unknown.length > 0) throw new CliError(`--tasks: no worker for ${unknown.join(', ')} (have ${workers.map((w) => w.taskType).join(', ')})`, 2);
    workers = workers.filter((w) => wanted.includes(w.taskType));
  }
  if (concurrency !== undefined) workers = workers.map((w) => withConcurrency(w, concurrency));
  if (workers.length === 0) throw new CliError('no workers to host', 2);

  const log = createCliLogger(process.stderr, { command: 'worker' });
  const url = values.server ?? process.env['CONDUCTOR_SERVER_URL'] ?? 'http://127.0.0.1:8080/api';
  const client = new ConductorClient({ baseUrl: url });
  const host = new WorkerHost({ client, workers, logger: log, pollTimeoutMs });
  const dispose = stopOnSignals(host, graceMs, log);
  try {
    const startup = new AbortController();
    const abortStartup = (): void => startup.abort(new CliError('interrupted while waiting for the server', 130));
    process.once('SIGINT', abortStartup);
    process.once('SIGTERM', abortStartup);
    try {
      process.stderr.write(`polyphony worker: waiting for Conductor at ${url}\n`);
      await waitForConductor(client, { signal: startup.signal, logger: log });
      if (!values['no-register'] && (definitions.taskDefs.length > 0 || definitions.workflowDefs.length > 0)) {
        const results = await registerDefinitions(client, definitions, { signal: startup.signal });
        const failed = results.filter((r) => r.status === 'Error');
        if (failed.length > 0) {
          throw new CliError(`registration failed: ${failed.map((r) => `${r.kind} ${r.name}: ${r.error}`).join('; ')}`);
        }
        process.stderr.write(`polyphony worker: registered ${results.length} definitions\n`);
      }
    } catch (error) {
      if (startup.signal.aborted) throw startup.signal.reason;
      if (error instanceof ServerNotReadyError) throw new CliError(error.message);
      throw error;
    } finally {
      process.off('SIGINT', abortStartup);
      process.off('SIGTERM', abortStartup);
    }
    host.start();
    process.stderr.write(
      `polyphony worker: ${host.workerId} polling ${workers.map((w) => `${w.taskType}×${w.concurrency}`).join(', ')}\n`,
    );
    await host.done;
    process.stderr.write(`polyphony worker: ${host.state.toLowerCase()}\n`);
    return host.state === 'FAILED' ? 1 : 0;
  } finally {
    dispose();
    await setup.close?.();
  }
}
