import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { failureReason } from '../../app/run-view.js';
import { exportTranscript } from '../../app/transcript-export.js';
import type { AppConfig } from '../../config/app-config.js';
import { TranscriptSchema, type Transcript } from '../../domain/transcript.js';
import type { Logger } from '../../runtime/logger.js';
import {
  compareTranscripts,
  describeAsr,
  describeLlm,
  describeSide,
  formatComparison,
  formatShadowReport,
  planShadowSides,
  ShadowPlanError,
  stableJson,
  type ShadowReport,
  type ShadowSide,
  type ShadowSideRun,
} from '../../shadow/index.js';
import { readTranscriptDocument } from '../../tasks/index.js';
import { loadCliConfig } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { createCliLogger } from '../cli-logger.js';
import { progressDisplay } from '../progress-display.js';
import { openPipelineRunner } from './process.js';

const usage = `usage: polyphony shadow <recording-dir> [--engines embedded,conductor] [--asr <a>,<b>] [--llm <a>,<b>] [--out <dir>] [--differences N] [--no-local-workers] [--json]
       polyphony shadow --compare <a/transcript.json> <b/transcript.json> [--loose-text] [--differences N] [--json]
  --asr values: pocketsphinx[:fast|:accurate], openai[:model]; --llm values: extractive, openai[:model]`;

interface SideOptions {
  readonly recordingDir: string;
  readonly out: string | undefined;
  readonly localWorkers: boolean;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly tty: boolean;
}

/** Runs one side to the end: its own transcript id (so its own row and blob keys), delivery off. */
async function runSide(base: AppConfig, side: ShadowSide, options: SideOptions): Promise<{ run: ShadowSideRun; transcript?: Transcript }> {
  // Both sides share the state folder but never a transcript; neither posts to Zulip or a webhook.
  const config: AppConfig = { ...base, engine: side.engine, asr: side.asr, llm: side.llm, delivery: {} };
  const transcriptId = randomUUID();
  const out = options.out ? join(options.out, side.label) : null;
  const run: ShadowSideRun = {
    label: side.label,
    engine: side.engine,
    asr: describeAsr(side.asr),
    llm: describeLlm(side.llm),
    transcriptId,
    workflowId: null,
    status: 'NOT_STARTED',
    reason: null,
    elapsedMs: 0,
    out,
  };
  const started = Date.now();
  const failed = (error: unknown) => {
    if (error instanceof CliError) throw error;
    run.status = 'ERROR';
    run.reason = error instanceof Error ? error.message : String(error);
    run.elapsedMs = Date.now() - started;
    return { run };
  };
  let runner: Awaited<ReturnType<typeof openPipelineRunner>>;
  try {
    runner = await openPipelineRunner(config, options.log, side.engine, options.localWorkers);
  } catch (error) {
    return failed(error);
  }
  try {
    run.workflowId = await runner.start({ transcriptId, recordingDir: options.recordingDir });
    if (options.tty) process.stderr.write(`${side.label}: ${describeSide(side)}: workflow ${run.workflowId}\n`);
    const show = options.tty ? progressDisplay((line) => process.stderr.write(`${side.label}: ${line}\n`), !process.env['NO_COLOR']) : undefined;
    const wf = await runner.follow(run.workflowId, { signal: options.signal, ...(show ? { onChange: show } : {}) });
    run.status = wf.status;
    run.elapsedMs = Date.now() - started;
    if (options.signal.aborted && wf.status === 'RUNNING') throw new CliError(`interrupted while running side ${side.label} (workflow ${run.workflowId})`, 130);
    if (wf.status !== 'COMPLETED') {
      run.reason = failureReason(wf);
      return { run };
    }
    const transcript = await readTranscriptDocument(runner.resources.blobs, transcriptId);
    if (out) await exportTranscript(runner.resources.blobs, transcriptId, out);
    return { run, transcript };
  } catch (error) {
    return failed(error);
  } finally {
    await runner.close();
  }
}

/** Reads a `transcript.json` written by `process` or `shadow --out`. */
async function readTranscriptFile(path: string): Promise<Transcript> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CliError(`cannot read ${path}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not JSON`);
  }
  const parsed = TranscriptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${path} is not a transcript.json: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** `shadow --compare`: the comparison of two transcripts already written, without running anything. */
async function compareFiles(paths: string[], options: { looseText: boolean; maxDifferences: number; json: boolean }): Promise<number> {
  const [pathA, pathB] = paths;
  if (!pathA || !pathB || paths.length !== 2) throw new CliError(usage, 2);
  const comparison = compareTranscripts(await readTranscriptFile(pathA), await readTranscriptFile(pathB), options);
  process.stdout.write(options.json ? `${stableJson(comparison, 0)}\n` : `a  ${resolve(pathA)}\nb  ${resolve(pathB)}\n\n${formatComparison(comparison).join('\n')}\n`);
  return 0;
}

/** `polyphony shadow`: the same recording through two configurations, kept apart, then compared. */
export async function shadowCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    usage,
    {
      engines: { type: 'string' },
      asr: { type: 'string' },
      llm: { type: 'string' },
      out: { type: 'string', short: 'o' },
      differences: { type: 'string', default: '20' },
      compare: { type: 'boolean', default: false },
      'loose-text': { type: 'boolean', default: false },
      'no-local-workers': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  const maxDifferences = Number(values.differences);
  if (!Number.isInteger(maxDifferences) || maxDifferences < 0) throw new CliError(`--differences must be a whole number, got '${values.differences}'`, 2);
  if (values.compare) return compareFiles(positionals, { looseText: values['loose-text'], maxDifferences, json: values.json });
  const [recording] = positionals;
  if (!recording || positionals.length > 1) throw new CliError(usage, 2);
  const recordingDir = resolve(recording);
  if (!existsSync(recordingDir)) throw new CliError(`recording not found: ${recordingDir}`);
  const localWorkers = !values['no-local-workers'];
  if (!localWorkers && (values.asr !== undefined || values.llm !== undefined)) {
    // The server's own workers would run with their own settings, not the side's.
    throw new CliError('--asr and --llm need the local workers; drop --no-local-workers', 2);
  }

  const base = loadCliConfig();
  let sides: [ShadowSide, ShadowSide];
  try {
    sides = planShadowSides(base, process.env, { engines: values.engines, asr: values.asr, llm: values.llm });
  } catch (error) {
    if (error instanceof ShadowPlanError) throw new CliError(error.message, 2);
    throw error;
  }
  const out = values.out ? resolve(values.out) : undefined;
  if (out) await mkdir(out, { recursive: true });

  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const options = {
    recordingDir,
    out,
    localWorkers,
    log: createCliLogger(process.stderr),
    signal: abort.signal,
    tty: process.stderr.isTTY === true && !values.json,
  };
  try {
    // One after the other: each run wants the CPU to itself, and the timings stay comparable.
    const a = await runSide(base, sides[0], options);
    const b = await runSide(base, sides[1], options);
    const looseText = sides.some((s) => s.llm.kind === 'openai');
    const report: ShadowReport = {
      recording: recordingDir,
      sides: [a.run, b.run],
      comparison: a.transcript && b.transcript ? compareTranscripts(a.transcript, b.transcript, { looseText, maxDifferences }) : null,
    };
    if (out) await writeFile(join(out, 'shadow-report.json'), `${stableJson(report)}\n`);
    process.stdout.write(values.json ? `${stableJson(report, 0)}\n` : formatShadowReport(report));
    const failed = report.sides.filter((s) => s.reason !== null);
    if (failed.length > 0) {
      const why = failed.map((s) => `side ${s.label} (${s.engine} · ${s.asr} · ${s.llm}) failed: ${s.reason}${s.workflowId ? ` (workflow ${s.workflowId})` : ''}`);
      throw new CliError(why.join('; '));
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
