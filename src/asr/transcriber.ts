import type { RecognizedWord } from '../domain/word.js';

/** Capabilities that differ between recognisers; callers read these, never the backend's name. */
export interface TranscriberCapabilities {
  /** Clips recognised at once by one process (a local CPU-bound recogniser: 1 per core). */
  readonly maxConcurrency: number;
}

/**
 * A speech recogniser. It hears one clip: a 16 kHz mono 16-bit PCM WAV file,
 * and returns words with times in seconds from the clip's start.
 */
export interface Transcriber {
  readonly name: string;
  readonly capabilities: TranscriberCapabilities;
  transcribe(wavPath: string, options: { signal: AbortSignal }): Promise<RecognizedWord[]>;
}
