export type { Transcriber, TranscriberCapabilities } from './transcriber.js';
export { parseAsrConfig, type AsrConfig } from './asr-config.js';
export { createTranscriber } from './create-transcriber.js';
export { readWavClipFormat, requireTranscriberClip, type WavClipFormat } from './wav-clip-format.js';
export * from './pocketsphinx/index.js';
export * from './openai/index.js';
export { limitTranscriber } from './limited-transcriber.js';
