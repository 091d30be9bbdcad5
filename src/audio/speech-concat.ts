import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SpeechRegion } from '../domain/speech-region.js';
import { layOutRegions, type SpeechPiece } from '../domain/speech-timeline.js';
import { PCM_BYTES_PER_SAMPLE, PCM_RATE, plainWavHeader, readPlainWav } from './wav-format.js';

const COPY_CHUNK_BYTES = 1 << 20;

/**
 * Writes the given regions of a plain 16 kHz mono WAV one after another, with
 * `gapSec` of silence between them, as one plain WAV. Samples are copied, not
 * re-encoded; the returned pieces map times in the new file back to the track.
 */
export async function concatSpeechRegions(options: {
  wavPath: string;
  regions: readonly SpeechRegion[];
  gapSec: number;
  outputPath: string;
  signal: AbortSignal;
}): Promise<SpeechPiece[]> {
  const { wavPath, gapSec, outputPath, signal } = options;
  const wav = await readPlainWav(wavPath);
  const toSample = (sec: number) => Math.min(Math.round(sec * PCM_RATE), wav.sampleCount);
  // Round every piece to whole samples so the mapping is sample-exact.
  const regions = options.regions
    .map((r) => ({ start: toSample(r.start) / PCM_RATE, end: toSample(r.end) / PCM_RATE }))
    .filter((r) => r.end > r.start);
  const gapSamples = Math.round(gapSec * PCM_RATE);
  const pieces = layOutRegions(regions, gapSamples / PCM_RATE);
  const totalSamples = pieces.reduce((n, p) => n + Math.round(p.duration * PCM_RATE), 0) + gapSamples * Math.max(0, pieces.length - 1);
  const input = await open(wavPath, 'r');
  try {
    const output = await open(outputPath, 'w');
    try {
      await output.write(plainWavHeader(totalSamples * PCM_BYTES_PER_SAMPLE));
      const silence = Buffer.alloc(gapSamples * PCM_BYTES_PER_SAMPLE);
      const buffer = Buffer.alloc(COPY_CHUNK_BYTES);
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) await output.write(silence);
        let position = wav.dataOffset + Math.round(piece.trackStart * PCM_RATE) * PCM_BYTES_PER_SAMPLE;
        for (let left = Math.round(piece.duration * PCM_RATE) * PCM_BYTES_PER_SAMPLE; left > 0; ) {
          signal.throwIfAborted();
          const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, left), position);
          if (bytesRead === 0) throw new Error(`${basename(wavPath)}: file shrank while reading`);
          await output.write(buffer, 0, bytesRead);
          position += bytesRead;
          left -= bytesRead;
        }
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return pieces;
}
