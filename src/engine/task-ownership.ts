import { hostname } from 'node:os';
import { parseWorkerId } from '../runtime/worker-identity.js';
import type { Task } from './workflow-schema.js';

/**
 * The worker id of another live process on this host that has a task of the
 * workflow in progress: taking the workflow over would run that task twice.
 */
export function liveOwner(tasks: readonly Task[], inflight: ReadonlyMap<string, unknown>): string | undefined {
  for (const t of tasks) {
    if (t.status !== 'IN_PROGRESS' || t.workerId === undefined || inflight.has(t.taskId)) continue;
    const owner = parseWorkerId(t.workerId);
    if (!owner || owner.host !== hostname() || owner.pid === process.pid) continue;
    try {
      process.kill(owner.pid, 0);
      return t.workerId;
    } catch {
      // No such process: the task was orphaned by a crash.
    }
  }
  return undefined;
}
