import { basename } from 'node:path';
import { assertReadableFile } from './audio-probe.js';
import { toolFailure } from './tool-failure.js';
import { runTool } from './tool-process.js';
import { PCM_RATE, PLAIN_WAV_OUTPUT_ARGS, readPlainWav } from './wav-format.js';

/** A track rewritten on the meeting timeline: sample 0 is the meeting's start. */
export interface AlignedTrack {
  outputPath: string;
  sampleCount: number;
  durationSec: number;
}

/**
 * Writes the first audio stream of `inputPath` as a 16 kHz mono s16 WAV that
 * starts with `offsetMs` of silence, so its times are meeting times. The
 * container's own start time is dropped: when it is the offset, pass it here.
 */
export async function alignTrack(options: {
  inputPath: string;
  offsetMs: number;
  outputPath: string;
  signal: AbortSignal;
}): Promise<AlignedTrack> {
  const { inputPath, offsetMs, outputPath, signal } = options;
  if (!Number.isFinite(offsetMs) || offsetMs < 0) {
    throw new RangeError(`${basename(inputPath)}: offsetMs must be a non-negative number, got ${offsetMs}`);
  }
  await assertReadableFile(inputPath);
  // Delay in samples at the output rate, so the offset is exact to the sample.
  const delaySamples = Math.round((offsetMs * PCM_RATE) / 1000);
  const filter = [
    // async=1 fills timestamp gaps (dropped packets, muted stretches in WebRTC recordings)
    // with silence, so later speech stays at its true time.
    `aresample=${PCM_RATE}:async=1`,
    'aformat=sample_fmts=s16:channel_layouts=mono',
    `adelay=delays=${delaySamples}S:all=1`,
  ].join(',');
  try {
    await runTool(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-y', '-i', inputPath, '-map', '0:a:0', '-af', filter, ...PLAIN_WAV_OUTPUT_ARGS, outputPath],
      { signal },
    );
  } catch (error) {
    throw toolFailure(inputPath, error);
  }
  const { sampleCount } = await readPlainWav(outputPath);
  return { outputPath, sampleCount, durationSec: sampleCount / PCM_RATE };
}
