import { parseWorkerId } from '../../runtime/worker-identity.js';
import { failed, passed, type DoctorCheck } from './doctor-check.js';

/** One observed poll: who polled a task type, and when (epoch ms). */
export interface PollSighting {
  readonly taskType: string;
  readonly workerId: string;
  readonly lastPollTime: number;
}

/** A worker's version from its `host:pid:version` id; ids of other clients are their own version. */
export const versionOf = (id: string): string => parseWorkerId(id)?.version ?? `unknown (${id})`;

/** Polls older than this do not count as a worker that is there now. */
export const RECENT_POLL_MS = 120_000;

const ago = (ms: number) => (ms < 1000 ? 'just now' : `${Math.round(ms / 1000)} s ago`);

/**
 * The ghost-worker check of one task type, from poll sightings: which worker
 * ids polled it recently, grouped by version. More than one version polling
 * one type fails (a stale process would complete tasks with old code); so
 * does no poller at all (runs would wait forever on that type).
 */
export function pollerVersionCheck(
  taskType: string,
  sightings: readonly PollSighting[],
  options: { now: number; currentVersion: string | undefined },
): DoctorCheck {
  const name = `workers: ${taskType}`;
  const latest = new Map<string, number>();
  for (const s of sightings) {
    if (s.taskType === taskType) latest.set(s.workerId, Math.max(latest.get(s.workerId) ?? 0, s.lastPollTime));
  }
  const recent = [...latest].filter(([, at]) => options.now - at <= RECENT_POLL_MS);
  if (recent.length === 0) {
    const last = Math.max(0, ...latest.values());
    return failed(
      name,
      last > 0 ? `no worker polled it in the last ${RECENT_POLL_MS / 1000} s (last poll ${ago(options.now - last)})` : 'no worker has polled it',
      'start workers for it: polyphony worker (with CONDUCTOR_SERVER_URL set)',
    );
  }
  const byVersion = new Map<string, string[]>();
  for (const [id, at] of recent) byVersion.set(versionOf(id), [...(byVersion.get(versionOf(id)) ?? []), `${id} (${ago(options.now - at)})`]);
  const listing = [...byVersion].map(([v, ids]) => `${v}: ${ids.join(', ')}`).join('; ');
  if (byVersion.size > 1) {
    return failed(
      name,
      `${byVersion.size} code versions are polling: ${listing}`,
      'stop the workers running an old version (their ids are host:pid:version); only one build should poll a task type',
    );
  }
  const [version] = byVersion.keys();
  const note = options.currentVersion !== undefined && version !== options.currentVersion ? ` (this build is ${options.currentVersion})` : '';
  return passed(name, `${recent.length} worker${recent.length === 1 ? '' : 's'}, one version: ${listing}${note}`);
}
