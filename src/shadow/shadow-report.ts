import { z } from 'zod';
import { ShadowComparisonSchema } from './shadow-comparison.js';

/** How one side's run went. */
export const ShadowSideRunSchema = z.object({
  label: z.enum(['a', 'b']),
  engine: z.enum(['embedded', 'conductor']),
  asr: z.string(),
  llm: z.string(),
  transcriptId: z.string(),
  workflowId: z.string().nullable(),
  status: z.string(),
  /** Why the run did not complete; null when it did. */
  reason: z.string().nullable(),
  elapsedMs: z.number().int().nonnegative(),
  /** The side's exported files, when `--out` was given. */
  out: z.string().nullable(),
});
export type ShadowSideRun = z.infer<typeof ShadowSideRunSchema>;

/**
 * `shadow-report.json` and `shadow --json`: the two runs and, when both
 * completed, the comparison. Only `comparison` is a pure function of the two
 * transcripts; `sides` records ids and wall-clock times of this run.
 */
export const ShadowReportSchema = z.object({
  recording: z.string(),
  sides: z.tuple([ShadowSideRunSchema, ShadowSideRunSchema]),
  comparison: ShadowComparisonSchema.nullable(),
});
export type ShadowReport = z.infer<typeof ShadowReportSchema>;
