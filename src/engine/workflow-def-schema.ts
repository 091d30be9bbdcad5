import { z } from 'zod';

/** Task types the embedded engine runs; anything else is rejected by validation. */
export const TaskType = {
  SIMPLE: 'SIMPLE',
  INLINE: 'INLINE',
  SWITCH: 'SWITCH',
  FORK_JOIN: 'FORK_JOIN',
  JOIN: 'JOIN',
  FORK_JOIN_DYNAMIC: 'FORK_JOIN_DYNAMIC',
  DO_WHILE: 'DO_WHILE',
  SUB_WORKFLOW: 'SUB_WORKFLOW',
  TERMINATE: 'TERMINATE',
  SET_VARIABLE: 'SET_VARIABLE',
} as const;
export type TaskType = (typeof TaskType)[keyof typeof TaskType];

/** True when `type` is one the engine knows how to run. */
export function isKnownTaskType(type: string): type is TaskType {
  return Object.hasOwn(TaskType, type);
}

/** One entry of a workflow definition's `tasks` (Conductor's WorkflowTask). */
export interface WorkflowTask {
  name: string;
  taskReferenceName: string;
  type: string;
  description?: string | undefined;
  inputParameters: Record<string, unknown>;
  optional?: boolean | undefined;
  // SWITCH
  evaluatorType?: string | undefined;
  expression?: string | undefined;
  decisionCases?: Record<string, WorkflowTask[]> | undefined;
  defaultCase?: WorkflowTask[] | undefined;
  // FORK_JOIN / JOIN
  forkTasks?: WorkflowTask[][] | undefined;
  joinOn?: string[] | undefined;
  // FORK_JOIN_DYNAMIC
  dynamicForkTasksParam?: string | undefined;
  dynamicForkTasksInputParamName?: string | undefined;
  // DO_WHILE
  loopCondition?: string | undefined;
  loopOver?: WorkflowTask[] | undefined;
  // SUB_WORKFLOW
  subWorkflowParam?: { name: string; version?: number | undefined } | undefined;
  // TERMINATE
  terminationStatus?: string | undefined;
  [key: string]: unknown;
}

/** Conductor's WorkflowTask; unknown fields are kept so a definition round-trips. */
export const workflowTaskSchema: z.ZodType<WorkflowTask> = z.lazy(() =>
  z.looseObject({
    name: z.string().min(1),
    taskReferenceName: z.string().min(1),
    type: z.string().default('SIMPLE'),
    description: z.string().optional(),
    inputParameters: z.record(z.string(), z.unknown()).default({}),
    optional: z.boolean().optional(),
    evaluatorType: z.string().optional(),
    expression: z.string().optional(),
    decisionCases: z.record(z.string(), z.array(workflowTaskSchema)).optional(),
    defaultCase: z.array(workflowTaskSchema).optional(),
    forkTasks: z.array(z.array(workflowTaskSchema)).optional(),
    joinOn: z.array(z.string()).optional(),
    dynamicForkTasksParam: z.string().optional(),
    dynamicForkTasksInputParamName: z.string().optional(),
    loopCondition: z.string().optional(),
    loopOver: z.array(workflowTaskSchema).optional(),
    subWorkflowParam: z
      .looseObject({ name: z.string().min(1), version: z.number().int().optional() })
      .optional(),
    terminationStatus: z.string().optional(),
  }),
);

/** Conductor's WorkflowDef. */
export const workflowDefSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  version: z.number().int().default(1),
  tasks: z.array(workflowTaskSchema).min(1),
  inputParameters: z.array(z.string()).default([]),
  outputParameters: z.record(z.string(), z.unknown()).default({}),
  schemaVersion: z.number().int().default(2),
  timeoutSeconds: z.number().int().min(0).default(0),
  timeoutPolicy: z.enum(['TIME_OUT_WF', 'ALERT_ONLY']).default('ALERT_ONLY'),
  restartable: z.boolean().default(true),
  ownerEmail: z.string().optional(),
  /** Started when a run of this workflow ends FAILED or TIMED_OUT, as in Conductor. */
  failureWorkflow: z.string().min(1).optional(),
});
export type WorkflowDef = z.infer<typeof workflowDefSchema>;

export const RetryLogic = {
  FIXED: 'FIXED',
  EXPONENTIAL_BACKOFF: 'EXPONENTIAL_BACKOFF',
  LINEAR_BACKOFF: 'LINEAR_BACKOFF',
} as const;

export const TimeoutPolicy = { RETRY: 'RETRY', TIME_OUT_WF: 'TIME_OUT_WF', ALERT_ONLY: 'ALERT_ONLY' } as const;

/** Conductor's TaskDef, with Conductor's defaults filled in. */
export const taskDefSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  retryCount: z.number().int().min(0).default(3),
  retryLogic: z.enum(['FIXED', 'EXPONENTIAL_BACKOFF', 'LINEAR_BACKOFF']).default('FIXED'),
  retryDelaySeconds: z.number().min(0).default(60),
  backoffScaleFactor: z.number().int().min(1).default(1),
  timeoutSeconds: z.number().min(0).default(0),
  timeoutPolicy: z.enum(['RETRY', 'TIME_OUT_WF', 'ALERT_ONLY']).default('TIME_OUT_WF'),
  responseTimeoutSeconds: z.number().min(0).default(3600),
  pollTimeoutSeconds: z.number().min(0).optional(),
  concurrentExecLimit: z.number().int().min(0).optional(),
  rateLimitPerFrequency: z.number().int().min(0).optional(),
  rateLimitFrequencyInSeconds: z.number().int().min(0).optional(),
  inputKeys: z.array(z.string()).optional(),
  outputKeys: z.array(z.string()).optional(),
  ownerEmail: z.string().optional(),
});
export type TaskDef = z.infer<typeof taskDefSchema>;

/** The TaskDef Conductor uses for a SIMPLE task type nobody registered. */
export function defaultTaskDef(name: string): TaskDef {
  return taskDefSchema.parse({ name });
}

/**
 * System tasks without a registered TaskDef are not retried, as in Conductor
 * (its decider reads retryCount from the TaskDef and falls back to 0).
 */
export function systemTaskDef(name: string): TaskDef {
  return taskDefSchema.parse({ name, retryCount: 0, responseTimeoutSeconds: 0, timeoutPolicy: 'RETRY' });
}
