import type { SpeechRegion } from '../domain/speech-region.js';

/** How speech is told from silence and how regions are shaped for a recogniser. */
export interface SpeechRegionOptions {
  /** A frame is speech when louder than the track's loudest stretch plus this (dB, negative). */
  relativeThresholdDb: number;
  /** A track whose loudest stretch is quieter than this (dBFS) holds no speech at all. */
  silentBelowDb: number;
  /** Pauses shorter than this stay inside a region (they are between words, not turns). */
  minSilenceSec: number;
  /** Louder bursts shorter than this are clicks, not speech. */
  minSpeechSec: number;
  /** Added before and after each region so soft word onsets and endings are not cut. */
  padSec: number;
  /** Longer regions are split at their quietest point, so no clip is huge. */
  maxRegionSec: number;
}

/** Defaults measured on flite speech and ffmpeg-mixed noise; see speech-regions.test.ts. */
export const DEFAULT_SPEECH_REGION_OPTIONS: SpeechRegionOptions = {
  relativeThresholdDb: -35,
  silentBelowDb: -55,
  minSilenceSec: 0.6,
  minSpeechSec: 0.1,
  padSec: 0.25,
  maxRegionSec: 25,
};

/** Loudness of each analysis frame of a track, in dBFS. */
export interface FrameLevels {
  levelsDb: Float32Array;
  frameSec: number;
  durationSec: number;
}

/** Seconds averaged to find a track's loudest stretch and a quiet split point. */
const SMOOTH_SEC = 0.1;
/** How far above the noise floor speech must be, and the loudest stretch above the threshold. */
const NOISE_MARGIN_DB = 6;

/** Finds speech regions in per-frame levels: threshold, bridge pauses, drop clicks, pad, merge, split. */
export function shapeSpeechRegions(frames: FrameLevels, options: SpeechRegionOptions): SpeechRegion[] {
  const { levelsDb, frameSec } = frames;
  if (levelsDb.length === 0) return [];
  const smooth = smoothedLevels(levelsDb, Math.max(1, Math.round(SMOOTH_SEC / frameSec)));
  const loudest = smooth.reduce((a, b) => Math.max(a, b), -Infinity);
  if (loudest < options.silentBelowDb) return [];
  // A low percentile: even a talkative track pauses between words more than 5% of the time.
  const floor = percentile(levelsDb, 0.05);
  // Relative to the loudest stretch, but clear of a noisy floor.
  const threshold = Math.max(loudest + options.relativeThresholdDb, floor + NOISE_MARGIN_DB);
  // Nothing stands out of the noise (a muted microphone's hiss): no speech to find.
  if (threshold > loudest - NOISE_MARGIN_DB) return [];

  const runs: [number, number][] = [];
  for (let i = 0; i < levelsDb.length; i++) {
    if ((levelsDb[i] ?? -Infinity) < threshold) continue;
    const last = runs.at(-1);
    if (last !== undefined && (i - last[1]) * frameSec < options.minSilenceSec) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  const pad = Math.round(options.padSec / frameSec);
  const padded: [number, number][] = [];
  for (const [start, end] of runs) {
    if ((end - start) * frameSec < options.minSpeechSec) continue;
    const from = Math.max(0, start - pad);
    const to = Math.min(levelsDb.length, end + pad);
    const last = padded.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = to;
    else padded.push([from, to]);
  }
  const maxFrames = Math.max(2, Math.floor(options.maxRegionSec / frameSec));
  return padded
    .flatMap(([start, end]) => splitAtQuietest(start, end, maxFrames, smooth))
    .map(([start, end]) => ({ start: microseconds(start * frameSec), end: microseconds(Math.min(end * frameSec, frames.durationSec)) }));
}

/** Splits [start, end) into pieces of at most `maxFrames`, each cut at the quietest frame allowed. */
function splitAtQuietest(start: number, end: number, maxFrames: number, smooth: Float32Array): [number, number][] {
  const pieces: [number, number][] = [];
  let from = start;
  while (end - from > maxFrames) {
    // When the rest fits in two pieces any cut in [end - max, from + max] works; else
    // cut in the second half of the first piece so it is neither tiny nor too long.
    const lo = end - from <= 2 * maxFrames ? end - maxFrames : from + Math.floor(maxFrames / 2);
    const hi = from + maxFrames;
    let cut = lo;
    for (let i = lo; i <= hi; i++) if ((smooth[i] ?? Infinity) < (smooth[cut] ?? Infinity)) cut = i;
    pieces.push([from, cut]);
    from = cut;
  }
  pieces.push([from, end]);
  return pieces;
}

/** Level of the ~100 ms around each frame (mean power, in dB). */
function smoothedLevels(levelsDb: Float32Array, frames: number): Float32Array {
  const power = levelsDb.map((db) => 10 ** (db / 10));
  const out = new Float32Array(levelsDb.length);
  const half = Math.floor(frames / 2);
  for (let i = 0; i < power.length; i++) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(power.length - 1, i + half); j++) {
      sum += power[j] ?? 0;
      n++;
    }
    out[i] = 10 * Math.log10(sum / n);
  }
  return out;
}

/** The value below which a fraction `q` of the levels lie. */
function percentile(values: Float32Array, q: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? -Infinity;
}

/** Rounds away float noise (0.30000000000000004) so times serialise cleanly. */
function microseconds(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}
