import { z } from 'zod';

export const NextStepSchema = z.object({
  task: z.string().min(1),
  /** Participant name, or null when nobody took it. */
  assignee: z.string().nullable(),
  /** As said ("by Friday"), or null. */
  deadline: z.string().nullable(),
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const ActionItemsSchema = z.object({
  decisions: z.array(z.string().min(1)),
  nextSteps: z.array(NextStepSchema),
});
export type ActionItems = z.infer<typeof ActionItemsSchema>;
