import { parseWorkerId } from '../../runtime/worker-identity.js';
import { anomaly, AnomalyKind, formatDuration, type AnomalyRule } from '../anomaly.js';

const DEFAULT_RESPONSE_TIMEOUT_SEC = 3600; // Conductor's, for a task type without a TaskDef

/**
 * A worker task IN_PROGRESS with no update for longer than its TaskDef's
 * responseTimeoutSeconds: its worker is probably gone (Conductor would time
 * it out and retry it, the embedded engine resumes it on `workflow resume`).
 * System tasks (JOIN, SUB_WORKFLOW…) wait on others and are not judged here.
 */
export const stuckTaskRule: AnomalyRule = (view, ctx) =>
  view.tasks.flatMap((t) => {
    if (t.status !== 'IN_PROGRESS' || t.kind !== 'SIMPLE') return [];
    const timeoutSec = t.responseTimeoutSeconds ?? ctx.responseTimeoutSeconds(t.taskType) ?? DEFAULT_RESPONSE_TIMEOUT_SEC;
    const lastSign = Math.max(t.updateTime, t.startTime);
    const silentMs = ctx.now - lastSign;
    if (lastSign <= 0 || timeoutSec <= 0 || silentMs <= timeoutSec * 1000) return [];
    let worker = '';
    if (t.workerId !== undefined) {
      const alive = ctx.workerAlive(t.workerId);
      const pid = parseWorkerId(t.workerId)?.pid;
      worker = alive === false ? `; its worker process ${pid} is gone` : alive === true ? `; its worker process ${pid} is still running` : `; worker ${t.workerId}`;
    }
    return [
      anomaly(
        AnomalyKind.stuck,
        t,
        `IN_PROGRESS for ${formatDuration(silentMs)} without an update; response timeout is ${timeoutSec} s${worker}`,
      ),
    ];
  });
