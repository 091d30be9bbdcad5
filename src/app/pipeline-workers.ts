import { availableParallelism } from 'node:os';
import type { Worker } from '../runtime/worker.js';
import { taskCatalog, taskWorker, type TaskResources } from '../tasks/index.js';

// CPU-bound audio work: one execution per core, or ffmpeg processes fight for them.
const cpuBound = new Set(['align_track', 'mixdown_tracks', 'generate_waveform']);

/**
 * How tasks are taken. `local`: this process runs the whole run, so every
 * track's transcription may start at once and share the recogniser pool (see
 * limitTranscriber), which keeps all cores busy. `shared`: other worker
 * machines poll the same server, so take only the tracks this process can
 * recognise right now and leave the rest to them.
 */
export type WorkerPlacement = 'local' | 'shared';

/** One worker per pipeline task, with concurrency fitted to what the task spends. */
export function pipelineWorkers(resources: TaskResources, placement: WorkerPlacement = 'local'): Worker[] {
  const cores = availableParallelism();
  const recognisers = resources.transcriber.capabilities.maxConcurrency;
  return taskCatalog.map((task) => {
    if (task.name === 'transcribe_track') return taskWorker(task, resources, placement === 'local' ? 16 : recognisers);
    return taskWorker(task, resources, cpuBound.has(task.name) ? cores : 8);
  });
}
