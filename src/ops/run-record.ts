import { z } from 'zod';

/*
 * The fields of a workflow run that inspection reads, in the shape both
 * runtimes share (the embedded engine records Conductor's GET /workflow/{id}
 * JSON). Conductor may omit fields or send null: those get defaults here, so
 * the rules never meet a missing value.
 */

const jsonObject = z.record(z.string(), z.unknown());
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** One task record of a run (Conductor's Task, the fields inspection reads). */
export const runTaskRecordSchema = z.looseObject({
  taskId: z.string(),
  taskType: z.string(),
  taskDefName: optionalText,
  referenceTaskName: z.string(),
  status: z.string(),
  inputData: jsonObject.nullish().transform((v) => v ?? {}),
  outputData: jsonObject.nullish().transform((v) => v ?? {}),
  workerId: optionalText,
  retryCount: z.number().int().default(0),
  seq: z.number().int().default(0),
  iteration: z.number().int().default(0),
  scheduledTime: z.number().default(0),
  startTime: z.number().default(0),
  endTime: z.number().default(0),
  updateTime: z.number().default(0),
  reasonForIncompletion: optionalText,
  subWorkflowId: optionalText,
  /** Conductor copies it from the TaskDef onto each task; the embedded engine does not. */
  responseTimeoutSeconds: z.number().optional(),
  workflowTask: z.looseObject({ type: z.string().optional() }).optional(),
});
export type RunTaskRecord = z.infer<typeof runTaskRecordSchema>;

/** A workflow run with its tasks. */
export const runRecordSchema = z.looseObject({
  workflowId: z.string(),
  workflowName: z.string(),
  workflowVersion: z.number().int().default(1),
  status: z.string(),
  reasonForIncompletion: optionalText,
  startTime: z.number().default(0),
  endTime: z.number().default(0),
  updateTime: z.number().default(0),
  tasks: z.array(runTaskRecordSchema).default([]),
  /** Kept as JSON: only its fork structure is read, to label branches. */
  workflowDefinition: z.unknown().optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
