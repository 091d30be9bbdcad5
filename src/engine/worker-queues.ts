import type { Worker } from '../runtime/worker.js';

interface Slot {
  worker: Worker;
  active: number;
  queue: { workflowId: string; taskId: string }[];
}

/** A queued task picked to start, with its worker and the slot to give back when it ends. */
export interface Picked<T> {
  value: T;
  worker: Worker;
  release(): void;
}

/**
 * One queue per task type in front of its worker: tasks wait here until the
 * worker has a free slot (`worker.concurrency`, and the TaskDef's
 * concurrentExecLimit when lower).
 */
export class WorkerQueues {
  private readonly slots = new Map<string, Slot>();
  private readonly queued = new Set<string>();

  constructor(workers: readonly Worker[]) {
    for (const worker of workers) {
      if (this.slots.has(worker.taskType)) throw new Error(`two workers registered for task type '${worker.taskType}'`);
      this.slots.set(worker.taskType, { worker, active: 0, queue: [] });
    }
  }

  /** Queues a task once; false when no worker runs its type. */
  enqueue(taskType: string, workflowId: string, taskId: string): boolean {
    const slot = this.slots.get(taskType);
    if (!slot) return false;
    if (!this.queued.has(taskId)) {
      this.queued.add(taskId);
      slot.queue.push({ workflowId, taskId });
    }
    return true;
  }

  /**
   * Takes queued tasks while their type has free slots. `accept` turns an
   * entry into what to start, or undefined when it no longer should start
   * (cancelled meanwhile); only accepted entries use a slot.
   */
  take<T>(limitFor: (taskType: string) => number | undefined, accept: (workflowId: string, taskId: string) => T | undefined): Picked<T>[] {
    const picked: Picked<T>[] = [];
    for (const [type, slot] of this.slots) {
      const extra = limitFor(type);
      const limit = Math.min(slot.worker.concurrency, extra !== undefined && extra > 0 ? extra : Infinity);
      while (slot.queue.length > 0 && slot.active < limit) {
        const next = slot.queue.shift()!;
        this.queued.delete(next.taskId);
        const value = accept(next.workflowId, next.taskId);
        if (value === undefined) continue;
        slot.active++;
        let released = false;
        picked.push({
          value,
          worker: slot.worker,
          release: () => {
            if (released) return;
            released = true;
            slot.active--;
          },
        });
      }
    }
    return picked;
  }
}
