/** The parts of a recorded task that both runtimes record alike (Conductor's Task shape). */
export interface TaskRecord {
  taskId: string;
  taskType: string;
  referenceTaskName: string;
  status: string;
  startTime: number;
  endTime: number;
  retried?: boolean | undefined;
  reasonForIncompletion?: string | null | undefined;
  subWorkflowId?: string | null | undefined;
  inputData?: Record<string, unknown> | undefined;
}

/** The parts of a recorded workflow both runtimes record alike (Conductor's Workflow shape). */
export interface WorkflowRecord {
  workflowId: string;
  status: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown> | undefined;
  reasonForIncompletion?: string | null | undefined;
  tasks?: readonly TaskRecord[] | undefined;
}

const failedStatuses = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT']);

/** The reason a run failed, from its last failed task when there is one. */
export function failureReason(wf: WorkflowRecord): string {
  const task = (wf.tasks ?? []).filter((t) => failedStatuses.has(t.status) && !t.retried).at(-1);
  if (task?.reasonForIncompletion) return `${task.referenceTaskName} failed: ${task.reasonForIncompletion}`;
  return wf.reasonForIncompletion ?? `workflow ended ${wf.status}`;
}
