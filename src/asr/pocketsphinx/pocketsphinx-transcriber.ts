import { availableParallelism } from 'node:os';
import type { RecognizedWord } from '../../domain/word.js';
import { silentLogger, type Logger } from '../../runtime/logger.js';
import type { Transcriber, TranscriberCapabilities } from '../transcriber.js';
import { readWavClipFormat, requireTranscriberClip } from '../wav-clip-format.js';
import { debianEnUsModel, requireModelFiles, type PocketsphinxModel } from './pocketsphinx-model.js';
import { parsePocketsphinxOutput } from './pocketsphinx-output-parser.js';
import { POCKETSPHINX_PRESETS, type PocketsphinxPreset } from './pocketsphinx-presets.js';
import { runPocketsphinx } from './pocketsphinx-process.js';
import { withPlainWavClip } from './plain-wav-clip.js';

/** How to run the embedded recogniser; every field has a default. */
export interface PocketsphinxTranscriberOptions {
  readonly preset?: PocketsphinxPreset;
  /** Raw decoder flags used instead of the preset's (benchmarks compare settings this way). */
  readonly decoderArgs?: readonly string[];
  readonly binary?: string;
  readonly model?: PocketsphinxModel;
  readonly maxConcurrency?: number;
  readonly logger?: Logger;
}

/** Recognises clips with CMU pocketsphinx (Debian's pocketsphinx_continuous), entirely on this machine. */
export class PocketsphinxTranscriber implements Transcriber {
  readonly name = 'pocketsphinx';
  readonly capabilities: TranscriberCapabilities;
  readonly #binary: string;
  readonly #model: PocketsphinxModel;
  readonly #decoderArgs: readonly string[];
  readonly #logger: Logger;

  constructor(options: PocketsphinxTranscriberOptions = {}) {
    // CPU-bound and single-threaded: one decoder per core keeps every core busy.
    this.capabilities = { maxConcurrency: options.maxConcurrency ?? availableParallelism() };
    this.#binary = options.binary ?? 'pocketsphinx_continuous';
    this.#model = options.model ?? debianEnUsModel();
    this.#decoderArgs = options.decoderArgs ?? POCKETSPHINX_PRESETS[options.preset ?? 'fast'];
    this.#logger = options.logger ?? silentLogger;
  }

  /** Words in the clip with times in seconds from its start; throws TaskFailure naming the clip. */
  async transcribe(wavPath: string, options: { signal: AbortSignal }): Promise<RecognizedWord[]> {
    const format = await readWavClipFormat(wavPath);
    requireTranscriberClip(wavPath, format);
    await requireModelFiles(this.#model, wavPath);
    const { hmm, lm, dict } = this.#model;
    const stdout = await withPlainWavClip(wavPath, format, options.signal, (plainPath) =>
      runPocketsphinx({
        binary: this.#binary,
        args: ['-infile', plainPath, '-time', 'yes', '-hmm', hmm, '-lm', lm, '-dict', dict, ...this.#decoderArgs],
        clipPath: wavPath,
        signal: options.signal,
        onStart: (pid) => this.#logger.debug('pocketsphinx started', { pid, clip: wavPath }),
      }),
    );
    // Frame rounding can put the last end a few ms past the clip; callers rely on times inside it.
    const duration = format.durationSeconds;
    return parsePocketsphinxOutput(stdout).map((word) => ({
      ...word,
      start: Math.min(word.start, duration),
      end: Math.min(word.end, duration),
    }));
  }
}
