import { silentLogger, type Logger } from '../runtime/logger.js';
import type { AsrConfig } from './asr-config.js';
import { OpenAiTranscriber } from './openai/index.js';
import { PocketsphinxTranscriber } from './pocketsphinx/index.js';
import type { Transcriber } from './transcriber.js';

/** The recogniser the configuration names. */
export function createTranscriber(config: AsrConfig, logger: Logger = silentLogger): Transcriber {
  switch (config.kind) {
    case 'pocketsphinx': {
      const { kind: _kind, ...options } = config;
      return new PocketsphinxTranscriber({ ...options, logger });
    }
    case 'openai': {
      const { kind: _kind, url, ...options } = config;
      return new OpenAiTranscriber({ ...options, baseUrl: url, logger });
    }
  }
}
