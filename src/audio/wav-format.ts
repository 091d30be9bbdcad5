import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { terminalFailure } from '../runtime/task-failure.js';

/** The one PCM shape recognisers and the mixdown read: 16 kHz, mono, signed 16-bit. */
export const PCM_RATE = 16_000;
export const PCM_BYTES_PER_SAMPLE = 2;
/** A plain RIFF header with no extra chunks: what pocketsphinx 0.8 requires. */
export const WAV_HEADER_BYTES = 44;

/** ffmpeg output options for a 16 kHz mono s16 WAV with exactly a 44-byte header (no LIST chunk). */
export const PLAIN_WAV_OUTPUT_ARGS: readonly string[] = [
  '-ar', String(PCM_RATE), '-ac', '1', '-c:a', 'pcm_s16le',
  '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav',
];

/** Builds the 44-byte header of a 16 kHz mono s16 WAV holding `dataBytes` bytes of samples. */
export function plainWavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(PCM_RATE, 24);
  header.writeUInt32LE(PCM_RATE * PCM_BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(PCM_BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Where the samples of a plain 16 kHz mono s16 WAV are, and how many there are. */
export interface PlainWav {
  dataOffset: number;
  sampleCount: number;
}

/** Reads and checks the header of a 16 kHz mono s16 WAV, as written by `alignTrack`. */
export async function readPlainWav(path: string): Promise<PlainWav> {
  const name = basename(path);
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw terminalFailure(`${name}: ${error.code === 'ENOENT' ? 'file not found' : 'file not readable'}`, error);
  });
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(WAV_HEADER_BYTES);
    const { bytesRead } = await file.read(header, 0, WAV_HEADER_BYTES, 0);
    const plain =
      bytesRead === WAV_HEADER_BYTES &&
      header.toString('ascii', 0, 4) === 'RIFF' &&
      header.toString('ascii', 8, 16) === 'WAVEfmt ' &&
      header.readUInt16LE(20) === 1 &&
      header.readUInt16LE(22) === 1 &&
      header.readUInt32LE(24) === PCM_RATE &&
      header.readUInt16LE(34) === 16 &&
      header.toString('ascii', 36, 40) === 'data';
    if (!plain) throw terminalFailure(`${name}: not a plain 16 kHz mono 16-bit PCM WAV`);
    // The size field may be a placeholder when ffmpeg wrote to a pipe; the file size is the truth.
    const dataBytes = Math.min(header.readUInt32LE(40), size - WAV_HEADER_BYTES);
    return { dataOffset: WAV_HEADER_BYTES, sampleCount: Math.floor(dataBytes / PCM_BYTES_PER_SAMPLE) };
  } finally {
    await file.close();
  }
}
