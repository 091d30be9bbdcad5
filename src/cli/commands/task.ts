import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openAppResources } from '../../app/app-resources.js';
import { isTerminal } from '../../runtime/task-failure.js';
import { workerId } from '../../runtime/worker-identity.js';
import { findTask, taskCatalog, taskWorker } from '../../tasks/index.js';
import { issueLines } from '../../domain/zod-issues.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { loadCliConfig } from '../cli-config.js';
import { createCliLogger } from '../cli-logger.js';

const usage = `usage: polyphony task run <taskName> --input <json|@file>
       polyphony task list
Runs one workflow task by itself, outside any workflow, with the same resources (database,
blob store, recogniser, summarizer from the environment) and the same input/output schemas
as a worker, and prints its output JSON. Bad input lists each schema problem with its path.`;

/** Reads `--input`: inline JSON, or `@path` for a file holding it. */
function readInput(raw: string): unknown {
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (error) {
      throw new CliError(`--input ${raw}: ${error instanceof Error ? error.message : String(error)}`, 2);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input is not JSON: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
}


/** `polyphony task run|list`: one task function on a given input, no engine. */
export async function taskCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, usage, { input: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, true);
  const { values, positionals } = parsed;
  const [sub, name, ...extra] = positionals;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (sub === 'list') {
    for (const t of taskCatalog) process.stdout.write(`${t.name.padEnd(22)} ${t.description}\n`);
    return 0;
  }
  if (sub !== 'run' || !name || extra.length > 0) throw new CliError(usage, 2);
  const task = findTask(name);
  if (!task) throw new CliError(`no task '${name}' (polyphony task list shows them)`, 2);
  if (values.input === undefined) throw new CliError(`task run needs --input <json|@file>\n${usage}`, 2);
  const input = readInput(values.input);
  // Checked here as well as in the worker, to list every problem on its own line.
  const checked = task.input.safeParse(input);
  if (!checked.success) throw new CliError(`${name}: the input does not match its schema:\n${issueLines(checked.error).map((line) => `  ${line}`).join('\n')}`, 2);

  const log = createCliLogger(process.stderr, { command: 'task' });
  const resources = await openAppResources(loadCliConfig(), log);
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const worker = taskWorker(task, resources);
    const output = await worker.execute(input as Record<string, unknown>, {
      workflowId: `adhoc-${randomUUID()}`,
      taskId: randomUUID(),
      referenceTaskName: task.name,
      retryCount: 0,
      workerId: workerId(),
      signal: controller.signal,
    });
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) throw new CliError(`${name}: interrupted`, 130);
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${name} failed${isTerminal(error) ? ' (terminal: a retry would not help)' : ''}: ${message}`);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await resources.close();
  }
}
