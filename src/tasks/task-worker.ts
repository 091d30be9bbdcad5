import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalFailure } from '../runtime/task-failure.js';
import type { Worker } from '../runtime/worker.js';
import { formatIssues } from '../domain/zod-issues.js';
import type { TaskContext } from './task-context.js';
import type { TaskDefinition } from './task-definition.js';

/** The long-lived parts of a task context, owned by the process hosting the workers. */
export type TaskResources = Omit<TaskContext, 'signal' | 'scratchDir' | 'execution' | 'log'> &
  Pick<TaskContext, 'log'>;

/**
 * Turns a task definition into a runtime Worker. Each execution parses its
 * input with the task's schema (JSON I/O flattens objects: they are rebuilt
 * here, and a bad mapping fails loudly, naming the field), gets a fresh
 * scratch directory removed afterwards, and has its output parsed before it
 * is handed back to the engine.
 */
export function taskWorker(task: TaskDefinition, resources: TaskResources, concurrency?: number): Worker {
  return {
    taskType: task.name,
    concurrency: concurrency ?? task.concurrency ?? 1,
    async execute(rawInput, execution) {
      const input = task.input.safeParse(rawInput);
      if (!input.success) throw terminalFailure(`${task.name} input: ${formatIssues(input.error)}`);
      const scratchDir = await mkdtemp(join(tmpdir(), `polyphony-${task.name}-`));
      const log = resources.log.child({
        workflowId: execution.workflowId,
        taskRef: execution.referenceTaskName,
        taskId: execution.taskId,
        workerId: execution.workerId,
      });
      const ctx: TaskContext = { ...resources, log, signal: execution.signal, scratchDir, execution };
      try {
        const started = Date.now();
        const result = await task.run(input.data, ctx);
        const output = task.output.safeParse(result);
        if (!output.success) throw new Error(`${task.name} produced invalid output: ${formatIssues(output.error)}`);
        log.debug('task done', { ms: Date.now() - started });
        return output.data as Record<string, unknown>;
      } finally {
        await rm(scratchDir, { recursive: true, force: true });
      }
    },
  };
}
