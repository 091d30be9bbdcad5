import { availableParallelism } from 'node:os';
import type { Worker } from '../runtime/worker.js';
import { taskCatalog, taskWorker, type TaskResources } from '../tasks/index.js';

// CPU-bound audio work: one execution per core, or ffmpeg processes fight for them.
const cpuBound = new Set(['align_track', 'mixdown_tracks', 'generate_waveform']);

/** One worker per pipeline task, with concurrency fitted to what the task spends. */
export function pipelineWorkers(resources: TaskResources): Worker[] {
  const cores = availableParallelism();
  return taskCatalog.map((task) => {
    // Tracks wait on the shared recogniser pool (see limitTranscriber), not on a task slot.
    if (task.name === 'transcribe_track') return taskWorker(task, resources, 16);
    return taskWorker(task, resources, cpuBound.has(task.name) ? cores : 8);
  });
}
