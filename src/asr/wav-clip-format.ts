import { open } from 'node:fs/promises';
import { terminalFailure } from '../runtime/task-failure.js';

/** How a WAV clip's samples are encoded and where they lie in the file. */
export interface WavClipFormat {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** Byte offset of the first sample (44 for a plain header, more when LIST or other chunks come first). */
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly durationSeconds: number;
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;
// Chunks before `data` are small (fmt, LIST, fact); a header this large means a broken file.
const MAX_HEADER_BYTES = 1 << 20;

/** Reads a WAV file's header; throws a terminal TaskFailure naming the clip when it is missing or not PCM WAV. */
export async function readWavClipFormat(path: string): Promise<WavClipFormat> {
  const file = await open(path, 'r').catch((error: unknown) => {
    throw terminalFailure(`clip ${path}: cannot open: ${(error as Error).message}`, error);
  });
  try {
    const fileSize = (await file.stat()).size;
    const read = async (offset: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    };
    const riff = await read(0, 12);
    if (riff.length < 12 || riff.toString('latin1', 0, 4) !== 'RIFF' || riff.toString('latin1', 8, 12) !== 'WAVE') {
      throw terminalFailure(`clip ${path}: not a WAV file (no RIFF/WAVE header)`);
    }
    let fmt: Buffer | undefined;
    for (let offset = 12; offset + 8 <= Math.min(fileSize, MAX_HEADER_BYTES); ) {
      const chunk = await read(offset, 8);
      const id = chunk.toString('latin1', 0, 4);
      const size = chunk.readUInt32LE(4);
      const body = offset + 8;
      if (id === 'fmt ') fmt = await read(body, Math.min(size, 40));
      if (id === 'data') {
        if (fmt === undefined || fmt.length < 16) throw terminalFailure(`clip ${path}: WAV data chunk before its fmt chunk`);
        return describe(path, fmt, body, Math.min(size, fileSize - body));
      }
      // Chunks are padded to an even length.
      offset = body + size + (size % 2);
    }
    throw terminalFailure(`clip ${path}: WAV file has no data chunk`);
  } finally {
    await file.close();
  }
}

function describe(path: string, fmt: Buffer, dataOffset: number, dataBytes: number): WavClipFormat {
  const formatTag = fmt.readUInt16LE(0);
  // WAVE_FORMAT_EXTENSIBLE names the real encoding in the first two bytes of its sub-format GUID.
  const encoding = formatTag === EXTENSIBLE && fmt.length >= 26 ? fmt.readUInt16LE(24) : formatTag;
  if (encoding !== PCM) throw terminalFailure(`clip ${path}: WAV encoding ${formatTag} is not integer PCM`);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const bitsPerSample = fmt.readUInt16LE(14);
  const bytesPerSecond = sampleRate * channels * (bitsPerSample / 8);
  const durationSeconds = bytesPerSecond > 0 ? dataBytes / bytesPerSecond : 0;
  return { sampleRate, channels, bitsPerSample, dataOffset, dataBytes, durationSeconds };
}

/** Throws a terminal TaskFailure unless the clip is what every Transcriber hears: 16 kHz mono 16-bit PCM. */
export function requireTranscriberClip(path: string, format: WavClipFormat): void {
  const problems = [
    format.sampleRate === 16000 ? undefined : `sample rate ${format.sampleRate} Hz, expected 16000`,
    format.channels === 1 ? undefined : `${format.channels} channels, expected mono`,
    format.bitsPerSample === 16 ? undefined : `${format.bitsPerSample}-bit samples, expected 16-bit`,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw terminalFailure(`clip ${path}: ${problems.join('; ')}`);
}
