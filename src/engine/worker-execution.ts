import type { Logger } from '../runtime/logger.js';
import { isTerminal } from '../runtime/task-failure.js';
import type { Worker } from '../runtime/worker.js';
import type { Task } from './workflow-schema.js';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Runs one task on its worker and reports the result as a task patch:
 * COMPLETED with the output plus `_worker`, FAILED_WITH_TERMINAL_ERROR for a
 * terminal TaskFailure, FAILED for anything else. Returns the controller that
 * aborts the worker's signal (timeout, cancellation, shutdown).
 */
export function startWorkerExecution(
  worker: Worker,
  task: Task,
  context: { workerId: string; log: Logger },
  onDone: (patch: Partial<Task>) => void,
): AbortController {
  const controller = new AbortController();
  const { workerId } = context;
  const log = context.log.child({ workflowId: task.workflowInstanceId, taskId: task.taskId, taskRef: task.referenceTaskName, workerId });
  const execution = {
    workflowId: task.workflowInstanceId,
    taskId: task.taskId,
    referenceTaskName: task.referenceTaskName,
    retryCount: task.retryCount,
    workerId,
    signal: controller.signal,
  };
  log.debug('task started');
  Promise.resolve()
    // A copy, so a worker that mutates its input cannot change the recorded inputData.
    .then(() => worker.execute(structuredClone(task.inputData), execution))
    .then(
      (output: unknown): Partial<Task> =>
        isPlainObject(output)
          ? { status: 'COMPLETED', outputData: { ...output, _worker: workerId } }
          : { status: 'FAILED', reasonForIncompletion: 'worker returned something other than an object', outputData: { _worker: workerId } },
      (error: unknown): Partial<Task> => {
        const terminal = isTerminal(error);
        log.debug('task failed', { error: errorMessage(error), terminal });
        return { status: terminal ? 'FAILED_WITH_TERMINAL_ERROR' : 'FAILED', reasonForIncompletion: errorMessage(error), outputData: { _worker: workerId } };
      },
    )
    .then(onDone)
    .catch((error: unknown) => log.error('recording a task result failed', { error: errorMessage(error) }));
  return controller;
}
