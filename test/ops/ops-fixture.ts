import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Engine, Workflow } from '../../src/engine/index.js';
import { repoRoot, runCli } from '../pipeline/run-cli.js';

const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')));

/** The build the inspecting CLI believes it is (its POLYPHONY_BUILD), and an older one. */
export const CURRENT_BUILD = 'ops-current';
export const STALE_BUILD = 'ops-stale';
export const versionOf = (build: string) => `${pkg.version}+${build}`;
/** A worker id of this process at `build`, as a worker of that build would record it. */
export const workerIdAt = (build: string) => `${hostname()}:${process.pid}:${versionOf(build)}`;

const anomalySchema = z.object({ kind: z.string(), taskId: z.string(), ref: z.string(), reason: z.string() });
/** The parts of `inspect --json` the tests read. */
export const inspectReportSchema = z.object({
  workflowId: z.string(),
  status: z.string(),
  currentVersion: z.string().nullable(),
  tasks: z.array(
    z.object({
      ref: z.string(),
      depth: z.number(),
      branch: z.string().nullable(),
      status: z.string(),
      attempt: z.number(),
      attempts: z.number(),
      workerId: z.string().nullable(),
      workerVersion: z.string().nullable(),
      durationMs: z.number().nullable(),
      summary: z.string(),
      anomalies: z.array(anomalySchema),
    }),
  ),
  anomalies: z.array(anomalySchema),
});
export type InspectJson = z.infer<typeof inspectReportSchema>;

/** Runs `polyphony <args>` as a user would, with this test's build identity. */
export async function polyphony(args: string[], env: Record<string, string>) {
  return runCli(args, { POLYPHONY_BUILD: CURRENT_BUILD, ...env }).done;
}

/** `polyphony inspect <id> --json`, parsed; also returns the exit code. */
export async function inspectJson(id: string, env: Record<string, string>, extra: string[] = []): Promise<{ code: number | null; report: InspectJson }> {
  const r = await polyphony(['inspect', id, '--json', ...extra], env);
  if (r.code !== 0 && r.code !== 3) throw new Error(`inspect exited ${r.code}: ${r.stderr}`);
  return { code: r.code, report: inspectReportSchema.parse(JSON.parse(r.stdout)) };
}

/** Anomaly kinds by task reference, sorted, for exact comparisons. */
export function kindsByRef(report: InspectJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of report.anomalies) (out[a.ref] ??= []).push(a.kind);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

/** Waits until `probe` holds for the workflow's recorded state. */
export async function waitForState(engine: Engine, id: string, what: string, probe: (wf: Workflow) => boolean, timeoutMs = 10_000): Promise<Workflow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const wf = engine.getWorkflow(id, true);
    if (wf && probe(wf)) return wf;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
