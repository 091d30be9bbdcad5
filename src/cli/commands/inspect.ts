import { ConductorRequestError } from '../../conductor/index.js';
import {
  buildInspectReport,
  formatInspectReport,
  loadRunView,
  openRunSource,
  paint,
  runSourceKinds,
  RunSourceUnavailableError,
  systemRuleContext,
  type RunSource,
  type RunSourceKind,
  type RunView,
} from '../../ops/index.js';
import { buildVersion } from '../../runtime/worker-identity.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `usage: polyphony inspect <workflowId> [--json] [--engine embedded|conductor] [--server <url>] [--expect-version <v>]
Shows every task of a run (forked branches and sub-workflows included) with status, attempts,
worker, version, duration and a summary of its output, and flags anomalies: ghost workers,
implausibly fast heavy tasks, empty results, JOINs missing branches, many retries, stuck tasks.
Looks in --engine, else POLYPHONY_ENGINE; else the embedded engine, then CONDUCTOR_SERVER_URL's server.
Exit status: 0 no anomalies, 3 anomalies found, 1 the run cannot be read.`;

/** Exit status when the run was read and something is wrong with it. */
const ANOMALIES_FOUND = 3;

/** `polyphony inspect <workflowId>`: one screen (or `--json`) about a run and what looks wrong in it. */
export async function inspectCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, usage, {
    json: { type: 'boolean', default: false },
    engine: { type: 'string' },
    server: { type: 'string' },
    'expect-version': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  }, true);
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new CliError(`inspect needs exactly one workflow id\n${usage}`, 2);

  let kinds;
  try {
    kinds = runSourceKinds(values.engine, process.env, values.server);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
  const { source, view } = await findRun(kinds, id, values.server);
  try {
    const ctx = systemRuleContext(values['expect-version'] ?? buildVersion());
    const report = buildInspectReport(view, ctx, { kind: source.kind, location: source.location });
    // Absent values are null in JSON, so a consumer sees every field.
    if (values.json) process.stdout.write(`${JSON.stringify(report, (_key, v: unknown) => (v === undefined ? null : v), 2)}\n`);
    else process.stdout.write(formatInspectReport(report, paint(process.stdout.isTTY === true && !process.env['NO_COLOR'])));
    return report.anomalies.length > 0 ? ANOMALIES_FOUND : 0;
  } finally {
    source.close();
  }
}

/** Looks for the run in each source in turn; the source that has it stays open for the caller to close. */
async function findRun(kinds: readonly RunSourceKind[], id: string, server: string | undefined): Promise<{ source: RunSource; view: RunView }> {
  const looked: string[] = [];
  for (const kind of kinds) {
    let source: RunSource;
    try {
      source = openRunSource(kind, { server, env: process.env });
    } catch (error) {
      // An absent engine database only matters when it was the one place to look.
      if (error instanceof RunSourceUnavailableError && kinds.length > 1) {
        looked.push(`embedded (${error.message})`);
        continue;
      }
      throw error instanceof RunSourceUnavailableError ? new CliError(error.message) : error;
    }
    let view: RunView | undefined;
    try {
      view = await loadRunView(source, id);
    } catch (error) {
      source.close();
      if (error instanceof ConductorRequestError) {
        throw new CliError(`${error.message}\n(is the Conductor server up? polyphony doctor checks it)`);
      }
      throw error;
    }
    if (view !== undefined) return { source, view };
    looked.push(`${source.kind} (${source.location})`);
    source.close();
  }
  throw new CliError(`no workflow ${id} in ${looked.join(' or ')}`);
}
