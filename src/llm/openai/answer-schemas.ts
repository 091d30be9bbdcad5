import { z } from 'zod';

const title = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

export const TopicAnswerSchema = z.object({ title, summary: z.string().trim().min(1, 'must not be empty') });
export const TitleAnswerSchema = z.object({ title });
export const SummaryAnswerSchema = z.object({
  short: z.string().trim().min(1, 'must not be empty'),
  long: z.string().trim().min(1, 'must not be empty'),
});
export const NotesAnswerSchema = z.object({ notes: z.array(z.string().trim().min(1)) });

/** Action items whose assignees must be participants (or null), so the model cannot invent people. */
export function actionItemsAnswerSchema(participants: readonly string[]) {
  const assignee = z
    .string()
    .nullable()
    .refine((name) => name === null || participants.includes(name), {
      message: `must be exactly one of ${participants.map((p) => JSON.stringify(p)).join(', ')} or null`,
    });
  return z.object({
    decisions: z.array(z.string().trim().min(1)),
    nextSteps: z.array(z.object({ task: z.string().trim().min(1), assignee, deadline: z.string().trim().min(1).nullable() })),
  });
}
