import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openEmbeddedPipeline } from '../../app/embedded-pipeline.js';
import { PIPELINE_WORKFLOW } from '../../app/pipeline-definitions.js';
import { exportTranscript } from '../../app/transcript-export.js';
import type { Workflow } from '../../engine/index.js';
import { loadCliConfig } from '../cli-config.js';
import { CliError } from '../cli-error.js';
import { createCliLogger } from '../cli-logger.js';
import { progressDisplay } from '../progress-display.js';

const usage = 'usage: polyphony process <recording-dir> --out <dir> [--json]';

/** The reason a run failed, from its failed task when there is one. */
export function failureReason(wf: Workflow): string {
  const failed = (wf.tasks ?? []).filter((t) => ['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT'].includes(t.status) && !t.retried);
  const task = failed.at(-1);
  if (task?.reasonForIncompletion) return `${task.referenceTaskName} failed: ${task.reasonForIncompletion}`;
  return wf.reasonForIncompletion ?? `workflow ended ${wf.status}`;
}

/** `polyphony process`: runs the pipeline on one recording and writes the transcript files. */
export async function processCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } },
  });
  const [recording] = positionals;
  if (!recording || !values.out || positionals.length > 1) throw new CliError(usage, 2);

  const config = loadCliConfig();
  const tty = process.stderr.isTTY === true && !values.json;
  const log = createCliLogger(process.stderr);
  const pipeline = await openEmbeddedPipeline(config, log);
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const transcriptId = randomUUID();
    const workflowId = await pipeline.engine.startWorkflow(PIPELINE_WORKFLOW, {
      transcriptId,
      recordingDir: resolve(recording),
    });
    if (tty) process.stderr.write(`workflow ${workflowId} (transcript ${transcriptId})\n`);
    const show = tty ? progressDisplay((line) => process.stderr.write(`${line}\n`), !process.env['NO_COLOR']) : undefined;
    const wf = await pipeline.engine.runUntilDone(workflowId, { signal: abort.signal, ...(show ? { onChange: show } : {}) });
    if (abort.signal.aborted && wf.status === 'RUNNING') {
      throw new CliError(`interrupted; continue with: polyphony workflow resume ${workflowId}`, 130);
    }
    if (wf.status !== 'COMPLETED') {
      if (values.json) process.stdout.write(`${JSON.stringify({ workflowId, transcriptId, status: wf.status, reason: failureReason(wf) })}\n`);
      throw new CliError(`${failureReason(wf)} (workflow ${workflowId}; see polyphony workflow get ${workflowId})`);
    }
    const files = await exportTranscript(pipeline.resources.blobs, transcriptId, values.out);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ workflowId, transcriptId, status: wf.status, out: resolve(values.out), files })}\n`);
    } else {
      process.stdout.write(`${resolve(values.out)}: ${files.join(', ')}\n`);
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await pipeline.close();
  }
}
