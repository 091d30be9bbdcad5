import { anomaly, AnomalyKind, type Anomaly, type AnomalyRule } from '../anomaly.js';
import type { RunTaskView } from '../run-view.js';

/** The version most tasks of the run were done by; ties go to the current build, then the first seen. */
export function majorityVersion(tasks: readonly RunTaskView[], current: string | undefined): string | undefined {
  const counts = new Map<string, number>();
  for (const t of tasks) if (t.workerVersion !== undefined) counts.set(t.workerVersion, (counts.get(t.workerVersion) ?? 0) + 1);
  let best: string | undefined;
  for (const [version, n] of counts) {
    const bestN = best === undefined ? -1 : counts.get(best)!;
    if (n > bestN || (n === bestN && version === current)) best = version;
  }
  return best;
}

/**
 * Ghost worker: a task executed by a worker whose version (the last part of
 * its `host:pid:version` id) differs from the version most of the run's
 * tasks were executed by (flagged on each such task), or from the current
 * build. A run done wholly on another version is flagged once, on its first
 * task: an old run inspected after an upgrade would otherwise be all red.
 */
export const ghostWorkerRule: AnomalyRule = (view, ctx) => {
  const majority = majorityVersion(view.tasks, ctx.currentVersion);
  const current = ctx.currentVersion;
  const found: Anomaly[] = [];
  for (const t of view.tasks) {
    if (t.workerVersion === undefined || majority === undefined || t.workerVersion === majority) continue;
    const build = current !== undefined && t.workerVersion !== current ? `; this build is ${current}` : '';
    found.push(
      anomaly(AnomalyKind.ghostWorker, t, `done by ${t.workerId} at version ${t.workerVersion}; the run's other tasks ran on ${majority}${build}`),
    );
  }
  if (majority !== undefined && current !== undefined && majority !== current) {
    const same = view.tasks.filter((t) => t.workerVersion === majority);
    const workers = [...new Set(same.map((t) => t.workerId))];
    found.push(
      anomaly(
        AnomalyKind.ghostWorker,
        same[0]!,
        `${same.length} task${same.length === 1 ? '' : 's'} of this run ran at version ${majority} ` +
          `(worker${workers.length === 1 ? '' : 's'} ${workers.join(', ')}); this build is ${current}`,
      ),
    );
  }
  return found;
};
