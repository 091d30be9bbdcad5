import { hostname } from 'node:os';
import { parseWorkerId } from '../runtime/worker-identity.js';
import type { RuleContext } from './anomaly.js';
import { pipelineTaskDefs } from './pipeline-task-defs.js';

/** responseTimeoutSeconds of each pipeline TaskDef (workflows/task_defs.json). */
export function pipelineResponseTimeouts(): Map<string, number> {
  return new Map(pipelineTaskDefs().map((d) => [d.name, d.responseTimeoutSeconds]));
}

/** Whether a worker's process lives, when it ran on this host; undefined for other hosts. */
export function localWorkerAlive(id: string): boolean | undefined {
  const parsed = parseWorkerId(id);
  if (parsed === undefined || parsed.host !== hostname()) return undefined;
  try {
    process.kill(parsed.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The rule context of a CLI process: now, this build, the pipeline's TaskDefs, local liveness. */
export function systemRuleContext(currentVersion: string | undefined, now: number = Date.now()): RuleContext {
  const timeouts = pipelineResponseTimeouts();
  return {
    now,
    currentVersion,
    responseTimeoutSeconds: (taskType) => timeouts.get(taskType),
    workerAlive: localWorkerAlive,
  };
}
