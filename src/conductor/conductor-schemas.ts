import { z } from 'zod';

/*
 * Shapes of Conductor OSS REST responses. Only the fields our code reads are
 * declared; everything else passes through untouched (looseObject) so a
 * recorded Workflow can be compared with the embedded engine's whole record.
 * Fields the server may omit or send as null are optional/nullable.
 */

export const taskStatusSchema = z.enum([
  'SCHEDULED',
  'IN_PROGRESS',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'TIMED_OUT',
  'CANCELED',
  'SKIPPED',
]);
export type ConductorTaskStatus = z.infer<typeof taskStatusSchema>;

export const workflowStatusSchema = z.enum(['RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED', 'PAUSED']);
export type ConductorWorkflowStatus = z.infer<typeof workflowStatusSchema>;

const jsonObject = z.record(z.string(), z.unknown());

/** Conductor's Task, as returned by poll and inside a Workflow. */
export const conductorTaskSchema = z.looseObject({
  taskId: z.string(),
  taskType: z.string(),
  taskDefName: z.string().optional(),
  referenceTaskName: z.string(),
  workflowInstanceId: z.string(),
  workflowType: z.string().optional(),
  status: taskStatusSchema,
  inputData: jsonObject.default({}),
  outputData: jsonObject.default({}),
  workerId: z.string().nullish(),
  retryCount: z.number().int().default(0),
  retried: z.boolean().default(false),
  retriedTaskId: z.string().nullish(),
  seq: z.number().int().default(0),
  pollCount: z.number().int().default(0),
  scheduledTime: z.number().default(0),
  startTime: z.number().default(0),
  endTime: z.number().default(0),
  updateTime: z.number().default(0),
  reasonForIncompletion: z.string().nullish(),
  iteration: z.number().int().default(0),
  subWorkflowId: z.string().nullish(),
  responseTimeoutSeconds: z.number().optional(),
});
export type ConductorTask = z.infer<typeof conductorTaskSchema>;

/** Conductor's Workflow (`GET /workflow/{id}`); `tasks` is empty unless includeTasks. */
export const conductorWorkflowSchema = z.looseObject({
  workflowId: z.string(),
  workflowName: z.string(),
  workflowVersion: z.number().int(),
  correlationId: z.string().nullish(),
  status: workflowStatusSchema,
  input: jsonObject.default({}),
  output: jsonObject.default({}),
  tasks: z.array(conductorTaskSchema).default([]),
  reasonForIncompletion: z.string().nullish(),
  failedReferenceTaskNames: z.array(z.string()).default([]),
  createTime: z.number().default(0),
  startTime: z.number().default(0),
  endTime: z.number().default(0),
  updateTime: z.number().default(0),
  workflowDefinition: z.looseObject({ name: z.string(), version: z.number().int() }).optional(),
});
export type ConductorWorkflow = z.infer<typeof conductorWorkflowSchema>;

/** One row of `GET /tasks/queue/polldata`: the last poll seen for a queue from one worker. */
export const pollDataSchema = z.looseObject({
  queueName: z.string(),
  workerId: z.string(),
  lastPollTime: z.number(),
  domain: z.string().nullish(),
});
export type PollData = z.infer<typeof pollDataSchema>;

/** `GET /health` (Spring Boot actuator shape as served by Conductor). */
export const healthSchema = z.looseObject({ healthy: z.boolean() });
export type Health = z.infer<typeof healthSchema>;

/** `PUT /metadata/workflow` answers with per-definition results. */
export const bulkResponseSchema = z.looseObject({
  bulkErrorResults: z.record(z.string(), z.string()).default({}),
  bulkSuccessfulResults: z.array(z.string()).default([]),
});
export type BulkResponse = z.infer<typeof bulkResponseSchema>;

/** A TaskDef as stored by Conductor (`GET /metadata/taskdefs/{name}`). */
export const storedTaskDefSchema = z.looseObject({
  name: z.string(),
  retryCount: z.number().int().optional(),
  retryDelaySeconds: z.number().optional(),
  responseTimeoutSeconds: z.number().optional(),
  timeoutSeconds: z.number().optional(),
});
export type StoredTaskDef = z.infer<typeof storedTaskDefSchema>;

/** A WorkflowDef as stored by Conductor (`GET /metadata/workflow/{name}`). */
export const storedWorkflowDefSchema = z.looseObject({
  name: z.string(),
  version: z.number().int(),
  tasks: z.array(z.looseObject({ taskReferenceName: z.string(), type: z.string() })),
});
export type StoredWorkflowDef = z.infer<typeof storedWorkflowDefSchema>;

/** The definitions we send: any Conductor TaskDef/WorkflowDef JSON with at least a name. */
export type TaskDefJson = { name: string } & Record<string, unknown>;
export type WorkflowDefJson = { name: string; version?: number; tasks: unknown[] } & Record<string, unknown>;

/** The body of `POST /tasks`: a worker's report on one task. */
export interface TaskResult {
  workflowInstanceId: string;
  taskId: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'FAILED_WITH_TERMINAL_ERROR';
  outputData?: Record<string, unknown>;
  reasonForIncompletion?: string;
  workerId: string;
  /** With IN_PROGRESS: seconds before the task is handed out again. */
  callbackAfterSeconds?: number;
  logs?: { log: string; createdTime: number; taskId: string }[];
}
