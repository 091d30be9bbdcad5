import type { SpeechRegion } from '../domain/speech-region.js';
import { assertReadableFile } from './audio-probe.js';
import { DEFAULT_SPEECH_REGION_OPTIONS, shapeSpeechRegions } from './speech-region-shape.js';
import type { FrameLevels, SpeechRegionOptions } from './speech-region-shape.js';
import { toolFailure } from './tool-failure.js';
import { runTool } from './tool-process.js';
import { PCM_RATE } from './wav-format.js';

/** 10 ms frames: region edges land on whole milliseconds, and 0.25 s of padding is whole frames. */
const FRAME_SAMPLES = 160;
/** Digital silence has no level; this stands in for it. */
const SILENCE_DB = -120;

/**
 * Finds the stretches of a track that hold speech, in seconds on the track's
 * own timeline. An energy detector over the decoded audio (streamed, one level
 * per 10 ms frame kept) with thresholds relative to the track's own loudness.
 */
export async function detectSpeechRegions(
  wavPath: string,
  options: Partial<SpeechRegionOptions>,
  signal: AbortSignal,
): Promise<SpeechRegion[]> {
  await assertReadableFile(wavPath);
  const frames = await measureFrameLevels(wavPath, signal);
  return shapeSpeechRegions(frames, { ...DEFAULT_SPEECH_REGION_OPTIONS, ...options });
}

/** Decodes any audio file to 16 kHz mono and measures the level of each 10 ms frame. */
export async function measureFrameLevels(path: string, signal: AbortSignal): Promise<FrameLevels> {
  let levels = new Float32Array(4096);
  let count = 0;
  let sumSquares = 0;
  let inFrame = 0;
  let totalSamples = 0;
  let carry: Buffer | undefined;
  const pushFrame = (): void => {
    if (count === levels.length) {
      const grown = new Float32Array(levels.length * 2);
      grown.set(levels);
      levels = grown;
    }
    const meanSquare = sumSquares / inFrame / (32768 * 32768);
    levels[count++] = meanSquare > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(meanSquare)) : SILENCE_DB;
    sumSquares = 0;
    inFrame = 0;
  };
  const onStdout = (chunk: Buffer): void => {
    const data = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const whole = data.length - (data.length % 2);
    carry = whole < data.length ? data.subarray(whole) : undefined;
    for (let offset = 0; offset < whole; offset += 2) {
      const sample = data.readInt16LE(offset);
      sumSquares += sample * sample;
      if (++inFrame === FRAME_SAMPLES) pushFrame();
    }
    totalSamples += whole / 2;
  };
  try {
    await runTool(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-ar', String(PCM_RATE), '-ac', '1', '-f', 's16le', '-c:a', 'pcm_s16le', 'pipe:1'],
      { signal, onStdout },
    );
  } catch (error) {
    throw toolFailure(path, error);
  }
  if (inFrame > 0) pushFrame();
  return {
    levelsDb: levels.subarray(0, count),
    frameSec: FRAME_SAMPLES / PCM_RATE,
    durationSec: totalSamples / PCM_RATE,
  };
}
