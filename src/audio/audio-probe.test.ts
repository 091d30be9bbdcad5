import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import { ffmpeg, tempDir, writeToneSequence } from '../../test/fixtures/synth-audio.js';
import { TaskFailure } from '../runtime/task-failure.js';
import { probeAudio } from './audio-probe.js';

const signal = AbortSignal.timeout(30_000);

/** Asserts the promise fails terminally with exactly `message`. */
async function rejectsTerminally(promise: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TaskFailure, `expected a TaskFailure, got ${String(error)}`);
    assert.equal(error.terminal, true);
    assert.equal(error.message, message);
    return true;
  });
}

describe('probeAudio', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  it('reads duration, codec, sample rate and channels of a WAV', async () => {
    const path = join(dir, 'tone.wav');
    await writeToneSequence(path, [{ sine: 440, sec: 1.5 }], { sampleRate: 16_000 });
    const probe = await probeAudio(path, signal);
    assert.equal(probe.codec, 'pcm_s16le');
    assert.equal(probe.sampleRate, 16_000);
    assert.equal(probe.channels, 1);
    assert.ok(Math.abs(probe.durationSec - 1.5) < 0.01, `duration ${probe.durationSec}`);
    assert.equal(probe.startTimeSec, 0);
  });

  it('reads a stereo 44.1 kHz Opus/Ogg file', async () => {
    const path = join(dir, 'stereo.ogg');
    await writeToneSequence(path, [{ sine: 300, sec: 2 }], { sampleRate: 44_100, channels: 2, codecArgs: ['-c:a', 'libopus'] });
    const probe = await probeAudio(path, signal);
    assert.equal(probe.codec, 'opus');
    assert.equal(probe.channels, 2);
    assert.equal(probe.format, 'ogg');
    assert.ok(Math.abs(probe.durationSec - 2) < 0.05, `duration ${probe.durationSec}`);
  });

  it('reports the container start time a recorder wrote', async () => {
    const path = join(dir, 'late.webm');
    await writeToneSequence(path, [{ sine: 300, sec: 1 }], { codecArgs: ['-c:a', 'libopus', '-output_ts_offset', '4.5'] });
    const probe = await probeAudio(path, signal);
    assert.ok(Math.abs(probe.startTimeSec - 4.5) < 0.02, `start ${probe.startTimeSec}`);
  });

  it('measures the duration of a live-recorded WebM whose header has none', async () => {
    // Written to a pipe, as browsers and SFUs do: the muxer cannot go back to fill in the duration.
    const path = join(dir, 'live.webm');
    const ff = spawn('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=2.5', '-c:a', 'libopus', '-f', 'webm', 'pipe:1']);
    await pipeline(ff.stdout, createWriteStream(path));
    const probe = await probeAudio(path, signal);
    assert.ok(Math.abs(probe.durationSec - 2.5) < 0.05, `duration ${probe.durationSec}`);
  });

  it('fails naming the file when it is missing', async () => {
    await rejectsTerminally(probeAudio(join(dir, 'alice.wav'), signal), 'alice.wav: file not found');
  });

  it('fails naming the file when it is not media', async () => {
    const path = join(dir, 'bob.webm');
    await writeFile(path, 'this is a text file, not audio\n'.repeat(20));
    await rejectsTerminally(probeAudio(path, signal), 'bob.webm: not a readable audio file (invalid data)');
  });

  it('fails naming the file when it has no audio stream', async () => {
    const path = join(dir, 'carol.mkv');
    await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=32x32:rate=5:duration=1', '-c:v', 'mjpeg', path);
    await rejectsTerminally(probeAudio(path, signal), 'carol.mkv: no audio stream');
  });
});
