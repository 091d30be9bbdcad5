import type { RunTaskView, RunView } from './run-view.js';

/** The kinds of trouble `inspect` looks for. */
export const AnomalyKind = {
  ghostWorker: 'ghost-worker',
  implausiblyFast: 'implausibly-fast',
  emptyResult: 'empty-result',
  joinMissingBranches: 'join-missing-branches',
  manyRetries: 'many-retries',
  stuck: 'stuck',
} as const;
export type AnomalyKind = (typeof AnomalyKind)[keyof typeof AnomalyKind];

/** One suspicious task, with the reason in words. */
export interface Anomaly {
  readonly kind: AnomalyKind;
  readonly workflowId: string;
  readonly taskId: string;
  readonly ref: string;
  readonly reason: string;
}

/** What the rules need besides the run: the time, the build, TaskDefs. I/O is passed in, so rules stay pure. */
export interface RuleContext {
  readonly now: number;
  /** The build identity workers should have; undefined skips the comparison with the current build. */
  readonly currentVersion: string | undefined;
  /** The TaskDef's responseTimeoutSeconds for a task type, when known. */
  responseTimeoutSeconds(taskType: string): number | undefined;
  /** Whether the process behind a worker id is alive: true/false when it can tell (same host), else undefined. */
  workerAlive(workerId: string): boolean | undefined;
}

/** A rule: a pure function from a run to the anomalies it sees. */
export type AnomalyRule = (view: RunView, ctx: RuleContext) => Anomaly[];

/** An anomaly about `task`. */
export function anomaly(kind: AnomalyKind, task: RunTaskView, reason: string): Anomaly {
  return { kind, workflowId: task.workflowId, taskId: task.taskId, ref: task.ref, reason };
}

/** A number read from JSON output, or undefined. */
export function numberField(data: Record<string, unknown>, key: string): number | undefined {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `1.2 s`, `340 ms`, `2 h 5 min`: durations for reasons. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Statuses after which a task's output is final and meant to be used. */
export const isDone = (t: RunTaskView): boolean => t.status === 'COMPLETED' || t.status === 'COMPLETED_WITH_ERRORS';
