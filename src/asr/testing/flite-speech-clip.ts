import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** flite voices installed by Debian's `flite` package that speak English clearly enough to test with. */
export const FLITE_VOICES = ['slt', 'rms', 'awb', 'kal16'] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

/** What to say and how much exact digital silence to put around it. */
export interface SpeechClipSpec {
  readonly text: string;
  readonly voice: FliteVoice;
  readonly leadingSilenceSeconds?: number;
  readonly trailingSilenceSeconds?: number;
}

const CLIP_FORMAT = ['-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', '-bitexact', '-map_metadata', '-1'];

/**
 * Speaks `text` with flite into a 16 kHz mono 16-bit WAV at `outPath`. flite's
 * own leading/trailing silence is trimmed, so speech starts exactly after
 * `leadingSilenceSeconds`.
 */
export async function writeSpeechClip(outPath: string, spec: SpeechClipSpec, signal?: AbortSignal): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-flite-'));
  try {
    const raw = join(dir, 'raw.wav');
    await run('flite', ['-voice', spec.voice, '-t', spec.text, '-o', raw], { signal });
    const lead = spec.leadingSilenceSeconds ?? 0;
    const trail = spec.trailingSilenceSeconds ?? 0;
    const trim = 'silenceremove=start_periods=1:start_threshold=-50dB';
    const speech = `[0:a]aresample=16000,aformat=sample_fmts=s16:channel_layouts=mono,${trim},areverse,${trim},areverse,apad=pad_dur=${trail}[speech]`;
    const graph = lead > 0 ? `${speech};[1:a][speech]concat=n=2:v=0:a=1[out]` : speech.replace('[speech]', '[out]');
    const silence = lead > 0 ? ['-f', 'lavfi', '-t', String(lead), '-i', 'anullsrc=r=16000:cl=mono'] : [];
    await run(
      'ffmpeg',
      ['-loglevel', 'error', '-y', '-i', raw, ...silence, '-filter_complex', graph, '-map', '[out]', ...CLIP_FORMAT, outPath],
      { signal },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `seconds` of digital silence as a 16 kHz mono 16-bit WAV clip. */
export async function writeSilenceClip(outPath: string, seconds: number, signal?: AbortSignal): Promise<void> {
  await run(
    'ffmpeg',
    ['-loglevel', 'error', '-y', '-f', 'lavfi', '-t', String(seconds), '-i', 'anullsrc=r=16000:cl=mono', ...CLIP_FORMAT, outPath],
    { signal },
  );
}
