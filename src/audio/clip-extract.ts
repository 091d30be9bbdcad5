import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SpeechRegion } from '../domain/speech-region.js';
import { PCM_BYTES_PER_SAMPLE, PCM_RATE, plainWavHeader, readPlainWav } from './wav-format.js';

/** A clip cut from an aligned track; `startSec` is where its first sample sits on the track. */
export interface ExtractedClip {
  outputPath: string;
  startSec: number;
  durationSec: number;
}

/** Copying in pieces keeps memory flat whatever the clip length. */
const COPY_CHUNK_BYTES = 1 << 20;

/**
 * Writes `region` of a plain 16 kHz mono WAV (as `alignTrack` writes) as its own
 * plain WAV. The samples are copied, not re-encoded, so the cut is sample-exact:
 * a word at `t` in the clip is at `startSec + t` on the track.
 */
export async function extractClip(options: {
  wavPath: string;
  region: SpeechRegion;
  outputPath: string;
  signal: AbortSignal;
}): Promise<ExtractedClip> {
  const { wavPath, region, outputPath, signal } = options;
  if (!(region.end > region.start)) {
    throw new RangeError(`${basename(wavPath)}: empty region ${region.start}–${region.end}s`);
  }
  const wav = await readPlainWav(wavPath);
  const first = Math.min(Math.round(region.start * PCM_RATE), wav.sampleCount);
  const last = Math.min(Math.round(region.end * PCM_RATE), wav.sampleCount);
  const dataBytes = (last - first) * PCM_BYTES_PER_SAMPLE;

  const input = await open(wavPath, 'r');
  try {
    const output = await open(outputPath, 'w');
    try {
      await output.write(plainWavHeader(dataBytes));
      const buffer = Buffer.alloc(Math.min(COPY_CHUNK_BYTES, Math.max(dataBytes, 1)));
      let position = wav.dataOffset + first * PCM_BYTES_PER_SAMPLE;
      for (let left = dataBytes; left > 0; ) {
        signal.throwIfAborted();
        const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, left), position);
        if (bytesRead === 0) throw new Error(`${basename(wavPath)}: file shrank while reading`);
        await output.write(buffer, 0, bytesRead);
        position += bytesRead;
        left -= bytesRead;
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return { outputPath, startSec: first / PCM_RATE, durationSec: (last - first) / PCM_RATE };
}
