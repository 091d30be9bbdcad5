/**
 * Named decoder settings; `fast` is the default. Measured with
 * bench/asr-pocketsphinx-settings.ts on 8 flite utterances (slt, rms, awb,
 * kal16; 150 words), CPU real-time factor of one decoder process:
 *
 *   setting                                 WER    CPU RTF
 *   decoder defaults (accurate)             0.079  0.47
 *   -maxhmmpf 1500 -bestpath no (fast)      0.071  0.25
 *   -maxhmmpf 1500                          0.094  0.24
 *   -maxhmmpf 1000                          0.189  0.22
 *   -beam 1e-40 -wbeam 1e-30 -pbeam 1e-40   0.252  0.32
 *   -ds 2                                   0.213  0.43
 *   -fwdflat no                             0.087  0.40
 *   -topn 2                                 0.071  0.42
 *
 * Capping active HMMs per frame is what buys speed without losing words;
 * narrower beams and frame downsampling lose words for less gain. Skipping
 * the lattice best-path pass costs nothing in accuracy on this set.
 */
export const POCKETSPHINX_PRESETS = {
  accurate: [],
  fast: ['-maxhmmpf', '1500', '-bestpath', 'no'],
} as const satisfies Record<string, readonly string[]>;

export type PocketsphinxPreset = keyof typeof POCKETSPHINX_PRESETS;
/** Preset names, for configuration schemas and messages. */
export const POCKETSPHINX_PRESET_NAMES = Object.keys(POCKETSPHINX_PRESETS) as [PocketsphinxPreset, ...PocketsphinxPreset[]];
