import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranscriber } from '../../asr/index.js';
import { loadConfig } from '../../config/app-config.js';
import { pipelineTaskDefs } from '../pipeline-task-defs.js';
import { checkFfmpeg, checkRecognizer } from './audio-checks.js';
import { checkConductor } from './conductor-checks.js';
import { failed, messageOf, passed, skipped, type DoctorCheck } from './doctor-check.js';
import { checkLlm } from './llm-check.js';
import { checkBlobStore, checkDatabase } from './store-checks.js';

/** What `doctor` checks against. */
export interface DoctorOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** This build's identity, to say when the polling workers run another. */
  readonly currentVersion: string | undefined;
  /** Overrides CONDUCTOR_SERVER_URL. */
  readonly conductorUrl?: string | undefined;
  readonly readyTimeoutMs: number;
  readonly sampleMs: number;
  readonly signal: AbortSignal;
}

const TOOL_TIMEOUT_MS = 60_000;

/**
 * Every check, in the order a run needs them: configuration, audio tools and
 * recogniser, database, blob store, LLM, and (when a server is configured)
 * Conductor and its workers. A failing check never stops the next one.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorCheck[]> {
  let config;
  try {
    config = loadConfig(options.env);
  } catch (error) {
    return [failed('configuration', messageOf(error), 'fix the variables named above (README: Configuration)')];
  }
  const checks: DoctorCheck[] = [
    passed('configuration', `engine=${config.engine} asr=${config.asr.kind} llm=${config.llm.kind} home=${config.home}`),
  ];
  const tools = AbortSignal.any([options.signal, AbortSignal.timeout(TOOL_TIMEOUT_MS)]);
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-doctor-'));
  try {
    const ffmpeg = await checkFfmpeg(dir, tools);
    checks.push(ffmpeg.check, await checkRecognizer(createTranscriber(config.asr), ffmpeg.sample, tools));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  checks.push(await checkDatabase(config.store), await checkBlobStore(config.store), await checkLlm(config.llm, tools));
  const url = options.conductorUrl ?? config.conductorUrl;
  if (url === undefined) {
    checks.push(skipped('conductor', 'CONDUCTOR_SERVER_URL is not set: the embedded engine runs the workflow'));
    return checks;
  }
  checks.push(
    ...(await checkConductor({
      url,
      taskTypes: pipelineTaskDefs().map((d) => d.name),
      currentVersion: options.currentVersion,
      readyTimeoutMs: options.readyTimeoutMs,
      sampleMs: options.sampleMs,
      signal: options.signal,
    })),
  );
  return checks;
}
