import { findAnomalies } from './anomaly-rules.js';
import type { Anomaly, RuleContext } from './anomaly.js';
import type { RunView } from './run-view.js';
import { summarizeTask } from './task-summary.js';

/** One line of `inspect`: a task attempt with its summary and anomalies. */
export interface InspectTaskLine {
  readonly workflowId: string;
  readonly depth: number;
  readonly branch: string | undefined;
  readonly ref: string;
  readonly taskType: string;
  readonly taskId: string;
  readonly status: string;
  readonly attempt: number;
  readonly attempts: number;
  readonly workerId: string | undefined;
  readonly workerVersion: string | undefined;
  readonly durationMs: number | undefined;
  readonly summary: string;
  readonly anomalies: readonly Anomaly[];
}

/** What `inspect` reports about a run (the `--json` document). */
export interface InspectReport {
  readonly source: { kind: string; location: string };
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowVersion: number;
  readonly status: string;
  readonly reason: string | undefined;
  readonly durationMs: number | undefined;
  readonly currentVersion: string | undefined;
  readonly tasks: readonly InspectTaskLine[];
  readonly anomalies: readonly Anomaly[];
  readonly missingSubWorkflows: readonly string[];
}

/** Summaries and anomalies for every task of the run. */
export function buildInspectReport(view: RunView, ctx: RuleContext, source: { kind: string; location: string }): InspectReport {
  const anomalies = findAnomalies(view, ctx);
  return {
    source,
    workflowId: view.workflowId,
    workflowName: view.workflowName,
    workflowVersion: view.workflowVersion,
    status: view.status,
    reason: view.reason,
    durationMs: view.startTime > 0 && view.endTime >= view.startTime ? view.endTime - view.startTime : undefined,
    currentVersion: ctx.currentVersion,
    tasks: view.tasks.map((t) => ({
      workflowId: t.workflowId,
      depth: t.depth,
      branch: t.branch,
      ref: t.ref,
      taskType: t.taskType,
      taskId: t.taskId,
      status: t.status,
      attempt: t.attempt,
      attempts: t.attempts,
      workerId: t.workerId,
      workerVersion: t.workerVersion,
      durationMs: t.durationMs,
      summary: summarizeTask(t, ctx.now),
      anomalies: anomalies.filter((a) => a.taskId === t.taskId),
    })),
    anomalies,
    missingSubWorkflows: view.missingSubWorkflows,
  };
}
