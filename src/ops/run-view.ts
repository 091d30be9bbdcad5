import { parseWorkerId } from '../runtime/worker-identity.js';
import { forkBranchLabels } from './fork-branches.js';
import type { RunRecord, RunTaskRecord } from './run-record.js';
import type { RunSource } from './run-source.js';

/** One task record of a run, placed in the flattened view. */
export interface RunTaskView {
  readonly workflowId: string;
  readonly workflowName: string;
  /** 0 for the inspected workflow, 1 for its sub-workflows' tasks, … */
  readonly depth: number;
  /** Fork branch and sub-workflow path, e.g. `fork_tracks[1] › _track_pipeline_1`; undefined on the main line. */
  readonly branch: string | undefined;
  readonly taskId: string;
  readonly ref: string;
  /** The TaskDef name (a SIMPLE task's type), or the system task type. */
  readonly taskType: string;
  /** The definition's type: SIMPLE, FORK_JOIN_DYNAMIC, JOIN, SUB_WORKFLOW, … */
  readonly kind: string;
  readonly status: string;
  /** 1 for the first attempt of this reference. */
  readonly attempt: number;
  /** How many attempts of this reference (and loop iteration) the workflow recorded. */
  readonly attempts: number;
  /** True for the newest attempt of its reference. */
  readonly latest: boolean;
  readonly workerId: string | undefined;
  readonly workerVersion: string | undefined;
  readonly scheduledTime: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly updateTime: number;
  /** End minus start, for a task that started and ended. */
  readonly durationMs: number | undefined;
  readonly inputData: Record<string, unknown>;
  readonly outputData: Record<string, unknown>;
  readonly reason: string | undefined;
  readonly subWorkflowId: string | undefined;
  readonly responseTimeoutSeconds: number | undefined;
}

/** A run with its sub-workflows' tasks flattened in order: what `inspect` shows and the anomaly rules read. */
export interface RunView {
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowVersion: number;
  readonly status: string;
  readonly reason: string | undefined;
  readonly startTime: number;
  readonly endTime: number;
  readonly tasks: readonly RunTaskView[];
  /** Sub-workflow ids named by a task but not found at the source. */
  readonly missingSubWorkflows: readonly string[];
}

const MAX_DEPTH = 8; // a deeper nesting is a definition loop, not a pipeline

/** Reads the run and, recursively, every sub-workflow it started; undefined when the run is unknown. */
export async function loadRunView(source: RunSource, workflowId: string, signal?: AbortSignal): Promise<RunView | undefined> {
  const root = await source.getRun(workflowId, signal);
  if (root === undefined) return undefined;
  const tasks: RunTaskView[] = [];
  const missing: string[] = [];
  const visit = async (run: RunRecord, depth: number, prefix: string | undefined): Promise<void> => {
    const labels = forkBranchLabels(run.workflowDefinition, run.tasks);
    for (const view of viewTasks(run, depth, prefix, labels)) {
      tasks.push(view);
      if (view.subWorkflowId === undefined || depth + 1 > MAX_DEPTH) continue;
      const child = await source.getRun(view.subWorkflowId, signal);
      if (child === undefined) missing.push(view.subWorkflowId);
      else await visit(child, depth + 1, join(view.branch, view.ref));
    }
  };
  await visit(root, 0, undefined);
  return {
    workflowId: root.workflowId,
    workflowName: root.workflowName,
    workflowVersion: root.workflowVersion,
    status: root.status,
    reason: root.reasonForIncompletion,
    startTime: root.startTime,
    endTime: root.endTime,
    tasks,
    missingSubWorkflows: missing,
  };
}

const join = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : `${a} › ${b}`;

/** One workflow's task records in execution order, with attempt numbers and labels. */
export function viewTasks(run: RunRecord, depth: number, prefix: string | undefined, labels: ReadonlyMap<string, string>): RunTaskView[] {
  const ordered = [...run.tasks].sort((a, b) => a.seq - b.seq || a.scheduledTime - b.scheduledTime);
  const key = (t: RunTaskRecord) => `${t.referenceTaskName}#${t.iteration}`;
  const byRef = new Map<string, RunTaskRecord[]>();
  for (const t of ordered) byRef.set(key(t), [...(byRef.get(key(t)) ?? []), t]);
  return ordered.map((t) => {
    const group = byRef.get(key(t)) ?? [t];
    const version = t.workerId === undefined ? undefined : parseWorkerId(t.workerId)?.version;
    return {
      workflowId: run.workflowId,
      workflowName: run.workflowName,
      depth,
      branch: join(prefix, labels.get(t.referenceTaskName)),
      taskId: t.taskId,
      ref: t.referenceTaskName,
      taskType: t.taskDefName ?? t.taskType,
      kind: t.workflowTask?.type ?? t.taskType,
      status: t.status,
      attempt: group.indexOf(t) + 1,
      attempts: group.length,
      latest: group.at(-1) === t,
      workerId: t.workerId,
      workerVersion: version,
      scheduledTime: t.scheduledTime,
      startTime: t.startTime,
      endTime: t.endTime,
      updateTime: t.updateTime,
      durationMs: t.startTime > 0 && t.endTime >= t.startTime ? t.endTime - t.startTime : undefined,
      inputData: t.inputData,
      outputData: t.outputData,
      reason: t.reasonForIncompletion,
      subWorkflowId: t.subWorkflowId,
      responseTimeoutSeconds: t.responseTimeoutSeconds,
    };
  });
}
