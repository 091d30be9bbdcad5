import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { firstLoudSample, readWavSamples, tempDir, writeToneSequence } from '../../test/fixtures/synth-audio.js';
import { isTerminal } from '../runtime/task-failure.js';
import { alignTrack } from './track-align.js';

const signal = AbortSignal.timeout(30_000);

describe('alignTrack', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  const cases = [
    { name: '44.1 kHz stereo FLAC', file: 'a.flac', sampleRate: 44_100, channels: 2, codecArgs: ['-c:a', 'flac'] },
    { name: '8 kHz mono WAV', file: 'b.wav', sampleRate: 8_000, channels: 1, codecArgs: [] },
    { name: '48 kHz Opus in WebM', file: 'c.webm', sampleRate: 48_000, channels: 1, codecArgs: ['-c:a', 'libopus'] },
    { name: '44.1 kHz stereo MP3', file: 'd.mp3', sampleRate: 44_100, channels: 2, codecArgs: ['-c:a', 'libmp3lame'] },
    { name: '22.05 kHz AAC in MP4', file: 'e.m4a', sampleRate: 22_050, channels: 1, codecArgs: ['-c:a', 'aac'] },
  ];
  for (const c of cases) {
    it(`puts the onset of a ${c.name} at its offset on the meeting timeline`, async () => {
      const input = join(dir, c.file);
      // Tone onset at 0.5 s into the track; the track starts 2.25 s into the meeting.
      await writeToneSequence(input, [{ silence: 0.5 }, { sine: 440, sec: 1 }, { silence: 0.5 }], c);
      const outputPath = join(dir, `${c.file}.aligned.wav`);
      const aligned = await alignTrack({ inputPath: input, offsetMs: 2250, outputPath, signal });

      const samples = await readWavSamples(outputPath);
      const onsetSec = firstLoudSample(samples) / 16_000;
      assert.ok(Math.abs(onsetSec - 2.75) <= 0.02, `onset at ${onsetSec}s, expected 2.75s`);
      // Lossy codecs may pad the end up to one frame (AAC: 1024 samples, 46 ms at 22.05 kHz).
      assert.ok(Math.abs(aligned.durationSec - 4.25) <= 0.05, `duration ${aligned.durationSec}`);
      assert.equal(aligned.sampleCount, samples.length);
    });
  }

  it('writes a plain 44-byte-header 16 kHz mono 16-bit WAV, as pocketsphinx needs', async () => {
    const input = join(dir, 'plain.flac');
    await writeToneSequence(input, [{ sine: 440, sec: 0.5 }], { sampleRate: 44_100, channels: 2, codecArgs: ['-c:a', 'flac'] });
    const outputPath = join(dir, 'plain.wav');
    const aligned = await alignTrack({ inputPath: input, offsetMs: 100, outputPath, signal });
    const bytes = await readFile(outputPath);
    assert.equal(bytes.toString('ascii', 36, 40), 'data', 'data chunk right after fmt (no LIST chunk)');
    assert.equal(bytes.readUInt32LE(40), bytes.length - 44);
    assert.equal(bytes.readUInt16LE(22), 1);
    assert.equal(bytes.readUInt32LE(24), 16_000);
    assert.equal(bytes.readUInt16LE(34), 16);
    assert.equal(aligned.sampleCount, (bytes.length - 44) / 2);
  });

  it('fails terminally naming a missing track', async () => {
    await assert.rejects(
      alignTrack({ inputPath: join(dir, 'dave.webm'), offsetMs: 0, outputPath: join(dir, 'x.wav'), signal }),
      (error: unknown) => isTerminal(error) && (error as Error).message === 'dave.webm: file not found',
    );
  });

  it('stops ffmpeg when aborted', async () => {
    const input = join(dir, 'long.flac');
    await writeToneSequence(input, [{ sine: 440, sec: 1 }], { codecArgs: ['-c:a', 'flac'] });
    const controller = new AbortController();
    controller.abort(new Error('cancelled by test'));
    await assert.rejects(
      alignTrack({ inputPath: input, offsetMs: 0, outputPath: join(dir, 'y.wav'), signal: controller.signal }),
      /cancelled by test/,
    );
  });
});
