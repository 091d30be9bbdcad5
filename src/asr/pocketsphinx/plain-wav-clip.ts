import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { WavClipFormat } from '../wav-clip-format.js';

const PLAIN_HEADER_BYTES = 44;

/**
 * Calls `use` with a path pocketsphinx can read. Debian's 0.8 decoder skips
 * exactly 44 header bytes, and only for names ending in `.wav` (anything else
 * it reads as raw samples, header included); a clip with extra chunks (ffmpeg's
 * LIST) is copied to a temporary plain-header file first.
 */
export async function withPlainWavClip<T>(
  path: string,
  format: WavClipFormat,
  signal: AbortSignal,
  use: (plainPath: string) => Promise<T>,
): Promise<T> {
  if (format.dataOffset === PLAIN_HEADER_BYTES && path.endsWith('.wav')) return use(path);
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-clip-'));
  try {
    const plainPath = join(dir, 'clip.wav');
    const out = createWriteStream(plainPath);
    out.write(plainHeader(format));
    const samples =
      format.dataBytes > 0
        ? createReadStream(path, { start: format.dataOffset, end: format.dataOffset + format.dataBytes - 1 })
        : [];
    await pipeline(samples, out, { signal });
    return await use(plainPath);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function plainHeader(format: WavClipFormat): Buffer {
  const header = Buffer.alloc(PLAIN_HEADER_BYTES);
  const blockAlign = format.channels * (format.bitsPerSample / 8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + format.dataBytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(format.dataBytes, 40);
  return header;
}
