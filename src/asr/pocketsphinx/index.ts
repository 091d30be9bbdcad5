export { PocketsphinxTranscriber, type PocketsphinxTranscriberOptions } from './pocketsphinx-transcriber.js';
export { POCKETSPHINX_PRESETS, POCKETSPHINX_PRESET_NAMES, type PocketsphinxPreset } from './pocketsphinx-presets.js';
export { debianEnUsModel, type PocketsphinxModel } from './pocketsphinx-model.js';
export { parsePocketsphinxOutput } from './pocketsphinx-output-parser.js';
