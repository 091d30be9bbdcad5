import { z } from 'zod';
import { workflowDefSchema, workflowTaskSchema } from './workflow-def-schema.js';

export const WorkflowStatus = {
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  TERMINATED: 'TERMINATED',
  PAUSED: 'PAUSED',
} as const;
export type WorkflowStatus = (typeof WorkflowStatus)[keyof typeof WorkflowStatus];

export const TaskStatus = {
  SCHEDULED: 'SCHEDULED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  COMPLETED_WITH_ERRORS: 'COMPLETED_WITH_ERRORS',
  FAILED: 'FAILED',
  FAILED_WITH_TERMINAL_ERROR: 'FAILED_WITH_TERMINAL_ERROR',
  TIMED_OUT: 'TIMED_OUT',
  CANCELED: 'CANCELED',
  SKIPPED: 'SKIPPED',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

const workflowStatusSchema = z.enum(Object.values(WorkflowStatus) as [WorkflowStatus, ...WorkflowStatus[]]);
const taskStatusSchema = z.enum(Object.values(TaskStatus) as [TaskStatus, ...TaskStatus[]]);

/** A task record in the shape of Conductor's Task (times are epoch ms, 0 when unset). */
export const taskSchema = z.looseObject({
  taskId: z.string(),
  taskType: z.string(),
  taskDefName: z.string(),
  referenceTaskName: z.string(),
  workflowInstanceId: z.string(),
  workflowType: z.string(),
  status: taskStatusSchema,
  inputData: z.record(z.string(), z.unknown()),
  outputData: z.record(z.string(), z.unknown()),
  workerId: z.string().optional(),
  retryCount: z.number().int(),
  retried: z.boolean(),
  retriedTaskId: z.string().optional(),
  seq: z.number().int(),
  pollCount: z.number().int(),
  scheduledTime: z.number(),
  startTime: z.number(),
  endTime: z.number(),
  updateTime: z.number(),
  startDelayInSeconds: z.number(),
  reasonForIncompletion: z.string().optional(),
  iteration: z.number().int(),
  subWorkflowId: z.string().optional(),
  /** Copied from the TaskDef when the task starts, as Conductor records it. */
  responseTimeoutSeconds: z.number().optional(),
  workflowTask: workflowTaskSchema,
});
export type Task = z.infer<typeof taskSchema>;

/** A workflow run in the shape of Conductor's `GET /api/workflow/{id}`. */
export const workflowSchema = z.looseObject({
  workflowId: z.string(),
  workflowName: z.string(),
  workflowVersion: z.number().int(),
  correlationId: z.string().optional(),
  status: workflowStatusSchema,
  input: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()),
  variables: z.record(z.string(), z.unknown()),
  tasks: z.array(taskSchema),
  reasonForIncompletion: z.string().optional(),
  failedReferenceTaskNames: z.array(z.string()),
  createTime: z.number(),
  startTime: z.number(),
  endTime: z.number(),
  updateTime: z.number(),
  parentWorkflowId: z.string().optional(),
  parentWorkflowTaskId: z.string().optional(),
  priority: z.number().int(),
  workflowDefinition: workflowDefSchema,
});
export type Workflow = z.infer<typeof workflowSchema>;

/** True for workflow statuses that end a run (PAUSED is not terminal). */
export function isTerminalWorkflowStatus(status: WorkflowStatus): boolean {
  return status !== 'RUNNING' && status !== 'PAUSED';
}

/** True once a task will not change any more by itself. */
export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return status !== 'SCHEDULED' && status !== 'IN_PROGRESS';
}

/** True for the statuses that let a workflow go on past the task. */
export function isSuccessfulTaskStatus(status: TaskStatus): boolean {
  return status === 'COMPLETED' || status === 'COMPLETED_WITH_ERRORS' || status === 'SKIPPED';
}
