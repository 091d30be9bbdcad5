import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { terminalFailure } from '../runtime/task-failure.js';
import { toolFailure } from './tool-failure.js';
import { runTool } from './tool-process.js';

/** What the pipeline needs to know about one audio file. */
export const AudioProbeSchema = z.object({
  /** Container format as ffprobe names it ("wav", "matroska,webm", "ogg"). */
  format: z.string(),
  durationSec: z.number().nonnegative(),
  /** The container's start time: where the first sample sits on the recorder's clock. */
  startTimeSec: z.number(),
  codec: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
});
export type AudioProbe = z.infer<typeof AudioProbeSchema>;

// ffprobe prints numbers as strings ("16000", "1.940000") and omits unknown ones.
const numeric = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .transform(Number);

const FfprobeStreamSchema = z.object({
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  sample_rate: numeric.optional(),
  channels: z.number().int().optional(),
  start_time: numeric.optional(),
  duration: numeric.optional(),
});

const FfprobeOutputSchema = z.object({
  streams: z.array(FfprobeStreamSchema).default([]),
  format: z
    .object({
      format_name: z.string(),
      start_time: numeric.optional(),
      duration: numeric.optional(),
    })
    .optional(),
});

/** Reads format, duration, start time, codec, sample rate and channels of the first audio stream. */
export async function probeAudio(path: string, signal: AbortSignal): Promise<AudioProbe> {
  const name = basename(path);
  await assertReadableFile(path);
  let stdout: Buffer;
  try {
    ({ stdout } = await runTool(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { signal },
    ));
  } catch (error) {
    throw toolFailure(path, error);
  }
  const parsed = FfprobeOutputSchema.safeParse(JSON.parse(stdout.toString('utf8')));
  if (!parsed.success) {
    throw terminalFailure(`${name}: unexpected ffprobe output: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const { streams, format } = parsed.data;
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (format === undefined) throw terminalFailure(`${name}: not a readable audio file`);
  if (audio === undefined) throw terminalFailure(`${name}: no audio stream`);
  if (audio.sample_rate === undefined || audio.channels === undefined || audio.codec_name === undefined) {
    throw terminalFailure(`${name}: audio stream without codec, sample rate or channel count`);
  }
  // Live recordings (WebM from browsers) often carry no duration; measure it then.
  const durationSec = format.duration ?? audio.duration ?? (await measureDuration(path, signal));
  return {
    format: format.format_name,
    durationSec,
    startTimeSec: format.start_time ?? audio.start_time ?? 0,
    codec: audio.codec_name,
    sampleRate: audio.sample_rate,
    channels: audio.channels,
  };
}

/** Fails with a message naming the file when it is missing or not a regular file. */
export async function assertReadableFile(path: string): Promise<void> {
  const name = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw terminalFailure(`${name}: file not found`, error);
    throw terminalFailure(`${name}: file not readable (${error.code ?? error.message})`, error);
  });
  if (!info.isFile()) throw terminalFailure(`${name}: not a regular file`);
  if (info.size === 0) throw terminalFailure(`${name}: empty file`);
}

/** Decodes the whole audio stream to learn its duration, for containers that do not state it. */
async function measureDuration(path: string, signal: AbortSignal): Promise<number> {
  let progress: string;
  try {
    const { stdout } = await runTool(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-f', 'null', '-progress', 'pipe:1', '-'],
      { signal },
    );
    progress = stdout.toString('utf8');
  } catch (error) {
    throw toolFailure(path, error);
  }
  const times = [...progress.matchAll(/^out_time_us=(\d+)$/gm)].map((m) => Number(m[1]));
  const last = times.at(-1);
  if (last === undefined) throw terminalFailure(`${basename(path)}: could not measure the audio duration`);
  return last / 1e6;
}
