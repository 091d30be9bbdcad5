import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeAudio } from '../../audio/index.js';
import type { Transcriber } from '../../asr/index.js';
import { failed, guarded, passed, type DoctorCheck } from './doctor-check.js';

const run = promisify(execFile);

/**
 * ffmpeg makes a one-second 16 kHz mono WAV (a quiet tone) and ffprobe reads
 * it back: both tools the pipeline needs, doing what the pipeline asks of them.
 * Returns the sample for the recogniser check.
 */
export async function checkFfmpeg(dir: string, signal: AbortSignal): Promise<{ check: DoctorCheck; sample?: string }> {
  const sample = join(dir, 'doctor-sample.wav');
  const hint = 'install ffmpeg (it includes ffprobe): sudo apt-get install ffmpeg, or scripts/setup.sh';
  try {
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-af', 'volume=0.05', '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', sample], { signal });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const why = e.code === 'ENOENT' ? 'ffmpeg is not on PATH' : `ffmpeg failed: ${(e.stderr ?? e.message).trim().split('\n').at(-1)}`;
    return { check: failed('ffmpeg', why, hint) };
  }
  const check = await guarded('ffmpeg', hint, async () => {
    const probe = await probeAudio(sample, signal);
    if (Math.abs(probe.durationSec - 1) > 0.1) return failed('ffmpeg', `ffprobe reads ${probe.durationSec} s from a 1 s sample`, hint);
    return passed('ffmpeg', 'ffmpeg wrote a 1 s 16 kHz mono WAV and ffprobe read it back');
  });
  return check.ok ? { check, sample } : { check };
}

/** The configured recogniser transcribes the sample without an error (no words are expected from a tone). */
export async function checkRecognizer(transcriber: Transcriber, sample: string | undefined, signal: AbortSignal): Promise<DoctorCheck> {
  const name = `recognizer (${transcriber.name})`;
  const hint =
    transcriber.name === 'pocketsphinx'
      ? 'install pocketsphinx and its en-us model: scripts/setup.sh (apt-get install pocketsphinx pocketsphinx-en-us)'
      : 'check POLYPHONY_ASR_URL, POLYPHONY_ASR_MODEL and POLYPHONY_ASR_API_KEY, and that the server answers';
  if (sample === undefined) return failed(name, 'not tried: there is no sample without ffmpeg', 'fix ffmpeg first');
  return guarded(name, hint, async () => {
    const started = Date.now();
    const words = await transcriber.transcribe(sample, { signal });
    return passed(name, `recognised a 1 s sample in ${Date.now() - started} ms (${words.length} words)`);
  });
}
