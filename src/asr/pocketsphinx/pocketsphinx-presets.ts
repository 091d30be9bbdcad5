/** Named decoder settings; `fast` is the default. Numbers from bench/asr-pocketsphinx-settings.ts. */
export const POCKETSPHINX_PRESETS = {
  // The decoder's own defaults.
  accurate: [],
  // TODO: measured choice
  fast: ['-beam', '1e-40', '-wbeam', '1e-30', '-pbeam', '1e-40'],
} as const satisfies Record<string, readonly string[]>;

export type PocketsphinxPreset = keyof typeof POCKETSPHINX_PRESETS;
export const POCKETSPHINX_PRESET_NAMES = Object.keys(POCKETSPHINX_PRESETS) as [PocketsphinxPreset, ...PocketsphinxPreset[]];
