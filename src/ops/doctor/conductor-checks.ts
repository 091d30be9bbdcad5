import { setTimeout as sleep } from 'node:timers/promises';
import { ConductorClient, waitForConductor } from '../../conductor/index.js';
import { failed, messageOf, passed, type DoctorCheck } from './doctor-check.js';
import { pollerVersionCheck, type PollSighting } from './poller-versions.js';

/** How long to wait for the server, and how long to watch who polls. */
export interface ConductorCheckOptions {
  readonly url: string;
  readonly taskTypes: readonly string[];
  readonly currentVersion: string | undefined;
  /** Bound on the readiness wait (backoff inside it). */
  readonly readyTimeoutMs: number;
  /** Poll data keeps only each queue's last poller, so it is sampled over this window. */
  readonly sampleMs: number;
  readonly signal: AbortSignal;
}

const SAMPLE_EVERY_MS = 200;

/** Reads every task type's poll data repeatedly for `sampleMs`; each row seen is one sighting. */
async function samplePollers(client: ConductorClient, taskTypes: readonly string[], sampleMs: number, signal: AbortSignal): Promise<PollSighting[]> {
  const sightings: PollSighting[] = [];
  const end = Date.now() + sampleMs;
  do {
    const rows = await Promise.all(taskTypes.map(async (taskType) => ({ taskType, rows: await client.pollData(taskType, { signal }) })));
    for (const { taskType, rows: data } of rows) {
      for (const r of data) sightings.push({ taskType, workerId: r.workerId, lastPollTime: r.lastPollTime });
    }
    if (Date.now() >= end) break;
    await sleep(SAMPLE_EVERY_MS, undefined, { signal });
  } while (Date.now() < end);
  return sightings;
}

/**
 * The Conductor server is healthy and ready (waiting with backoff, bounded),
 * then, for every task type, who polls it and at which versions.
 */
export async function checkConductor(options: ConductorCheckOptions): Promise<DoctorCheck[]> {
  const client = new ConductorClient({ baseUrl: options.url, requestTimeoutMs: 10_000 });
  const started = Date.now();
  try {
    await waitForConductor(client, { timeoutMs: options.readyTimeoutMs, signal: options.signal });
  } catch (error) {
    return [
      failed(
        'conductor',
        messageOf(error),
        'start the server (node --import tsx scripts/services/conductor.ts, or your deployment) and check CONDUCTOR_SERVER_URL',
      ),
    ];
  }
  const ready = passed('conductor', `${options.url}: healthy and ready after ${Date.now() - started} ms`);
  let sightings: PollSighting[];
  try {
    sightings = await samplePollers(client, options.taskTypes, options.sampleMs, options.signal);
  } catch (error) {
    return [ready, failed('workers', `reading poll data failed: ${messageOf(error)}`, 'check the server log; GET /api/tasks/queue/polldata must answer')];
  }
  const now = Date.now();
  return [ready, ...options.taskTypes.map((t) => pollerVersionCheck(t, sightings, { now, currentVersion: options.currentVersion }))];
}
