import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { openConductorPipeline } from '../../app/conductor-pipeline.js';
import { openEmbeddedPipeline } from '../../app/embedded-pipeline.js';
import type { PipelineRunner } from '../../app/pipeline-runner.js';
import { failureReason } from '../../app/run-view.js';
import { exportTranscript } from '../../app/transcript-export.js';
import type { AppConfig } from '../../config/app-config.js';
import type { Logger } from '../../runtime/logger.js';
import { loadCliConfig } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';
import { createCliLogger } from '../cli-logger.js';
import { progressDisplay } from '../progress-display.js';

const usage = `usage: polyphony process <recording-dir> --out <dir> [--engine embedded|conductor] [--no-local-workers] [--json]`;

/** The runner for the configured engine; `--engine` overrides POLYPHONY_ENGINE. */
export async function openPipelineRunner(
  config: AppConfig,
  log: Logger,
  engine: string | undefined,
  localWorkers: boolean,
): Promise<PipelineRunner> {
  const kind = engine ?? config.engine;
  if (kind === 'embedded') return openEmbeddedPipeline(config, log);
  if (kind === 'conductor') {
    if (!config.conductorUrl) throw new CliError('--engine conductor needs CONDUCTOR_SERVER_URL (e.g. http://127.0.0.1:8080/api)');
    return openConductorPipeline(config, log, { localWorkers });
  }
  throw new CliError(`--engine must be 'embedded' or 'conductor', got '${kind}'`, 2);
}

/** `polyphony process`: runs the pipeline on one recording and writes the transcript files. */
export async function processCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    usage,
    {
      out: { type: 'string', short: 'o' },
      engine: { type: 'string' },
      'no-local-workers': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  const [recording] = positionals;
  if (!recording || !values.out || positionals.length > 1) throw new CliError(usage, 2);

  const config = loadCliConfig();
  const tty = process.stderr.isTTY === true && !values.json;
  const log = createCliLogger(process.stderr);
  const runner = await openPipelineRunner(config, log, values.engine, !values['no-local-workers']);
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const transcriptId = randomUUID();
    const workflowId = await runner.start({ transcriptId, recordingDir: resolve(recording) });
    if (tty) process.stderr.write(`workflow ${workflowId} on ${runner.engine} (transcript ${transcriptId})\n`);
    const show = tty ? progressDisplay((line) => process.stderr.write(`${line}\n`), !process.env['NO_COLOR']) : undefined;
    const wf = await runner.follow(workflowId, { signal: abort.signal, ...(show ? { onChange: show } : {}) });
    if (abort.signal.aborted && wf.status === 'RUNNING') {
      const hint = runner.engine === 'embedded' ? `polyphony workflow resume ${workflowId}` : 'the server keeps running it';
      throw new CliError(`interrupted; ${hint}`, 130);
    }
    if (wf.status !== 'COMPLETED') {
      const reason = failureReason(wf);
      if (values.json) process.stdout.write(`${JSON.stringify({ workflowId, transcriptId, engine: runner.engine, status: wf.status, reason })}\n`);
      throw new CliError(`${reason} (workflow ${workflowId}; see polyphony workflow get ${workflowId})`);
    }
    const files = await exportTranscript(runner.resources.blobs, transcriptId, values.out);
    const out = resolve(values.out);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ workflowId, transcriptId, engine: runner.engine, status: wf.status, out, files })}\n`);
    } else {
      process.stdout.write(`${out}: ${files.join(', ')}\n`);
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await runner.close();
  }
}
