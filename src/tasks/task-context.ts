import type { Transcriber } from '../asr/transcriber.js';
import type { Summarizer } from '../llm/summarizer.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { TaskExecution } from '../runtime/worker.js';
import type { BlobStore } from '../store/blob-store.js';
import type { TranscriptStore } from '../store/transcript-store.js';

/**
 * Everything one task execution may use, built for that execution by the
 * composition root and closed after it. Tasks never reach for a module-level
 * resource: what they need comes from here.
 */
export interface TaskContext {
  readonly blobs: BlobStore;
  readonly store: TranscriptStore;
  readonly transcriber: Transcriber;
  readonly summarizer: Summarizer;
  readonly delivery: DeliverySettings;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** A fresh directory for this execution's temporary files, removed after it. */
  readonly scratchDir: string;
  readonly execution: TaskExecution;
}

/** Where finished transcripts are sent; each channel is off when undefined. */
export interface DeliverySettings {
  readonly webhook?: { url: string; secret: string };
  readonly zulip?: { url: string; email: string; apiKey: string; stream: string; topic: string };
}
