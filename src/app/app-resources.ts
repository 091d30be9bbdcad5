import { createTranscriber, limitTranscriber } from '../asr/index.js';
import type { AppConfig } from '../config/app-config.js';
import { createSummarizer } from '../llm/index.js';
import { systemClock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { openBlobStore, openStore } from '../store/index.js';
import type { TaskResources } from '../tasks/index.js';

/** The resources a worker process owns for its lifetime, and their closing. */
export interface AppResources extends TaskResources {
  close(): Promise<void>;
}

/**
 * The composition root: picks every implementation from configuration, in one
 * place. The database handle is owned by the process and closed with it; each
 * task execution gets its own context built over these (see taskWorker).
 */
export async function openAppResources(config: AppConfig, log: Logger): Promise<AppResources> {
  const store = await openStore(config.store, { log });
  return {
    store,
    blobs: openBlobStore(config.store),
    // One recogniser pool per process, shared by every track's task.
    transcriber: limitTranscriber(createTranscriber(config.asr, log)),
    summarizer: createSummarizer(config.llm),
    delivery: config.delivery,
    clock: systemClock,
    log,
    close: () => store.close(),
  };
}
