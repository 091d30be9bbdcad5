import type { z } from 'zod';
import type { TaskContext } from './task-context.js';

/**
 * One workflow task: its Conductor task type, schemas for its JSON input and
 * output, and the function that does the work. Runtimes parse input with
 * `input` before `run` and output with `output` after it.
 */
export interface TaskDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  /** Executions at once per process; CPU-bound tasks keep this at the core count. */
  readonly concurrency?: number;
  run(input: z.infer<I>, ctx: TaskContext): Promise<z.infer<O>>;
}

/** Declares a task with its types inferred from its schemas. */
export function defineTask<I extends z.ZodType, O extends z.ZodType>(
  definition: TaskDefinition<I, O>,
): TaskDefinition<I, O> {
  return definition;
}
