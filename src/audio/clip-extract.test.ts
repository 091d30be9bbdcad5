import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ffmpeg, readWavSamples, tempDir } from '../../test/fixtures/synth-audio.js';
import { extractClip } from './clip-extract.js';
import { alignTrack } from './track-align.js';

const signal = AbortSignal.timeout(30_000);

describe('extractClip', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  it('cuts exactly the samples of the region, so clip times map back to the track', async () => {
    // Noise: every sample differs, so an off-by-one cut cannot match by chance.
    const source = join(dir, 'noise.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.3:d=4:seed=7', '-ac', '1', source);
    const track = join(dir, 'track.wav');
    await alignTrack({ inputPath: source, offsetMs: 500, outputPath: track, signal });

    const clipPath = join(dir, 'clip.wav');
    const clip = await extractClip({ wavPath: track, region: { start: 1.23, end: 2.5 }, outputPath: clipPath, signal });
    assert.equal(clip.startSec, 1.23);
    assert.equal(clip.durationSec, 1.27);

    const all = await readWavSamples(track);
    const cut = await readWavSamples(clipPath);
    assert.deepEqual(cut, all.subarray(Math.round(1.23 * 16_000), Math.round(2.5 * 16_000)));
    const header = await readFile(clipPath);
    assert.equal(header.readUInt32LE(40), header.length - 44);
    assert.equal(header.readUInt32LE(24), 16_000);
  });

  it('stops at the end of the track when the region runs past it', async () => {
    const source = join(dir, 'short.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.3:d=1:seed=3', source);
    const track = join(dir, 'short-aligned.wav');
    const aligned = await alignTrack({ inputPath: source, offsetMs: 0, outputPath: track, signal });
    const clip = await extractClip({ wavPath: track, region: { start: 0.5, end: 3 }, outputPath: join(dir, 'tail.wav'), signal });
    assert.equal(clip.durationSec, aligned.durationSec - 0.5);
  });

  it('refuses a file that is not a plain 16 kHz mono WAV', async () => {
    const source = join(dir, 'stereo.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=44100:a=0.3:d=1', '-ac', '2', source);
    await assert.rejects(
      extractClip({ wavPath: source, region: { start: 0, end: 0.5 }, outputPath: join(dir, 'z.wav'), signal }),
      /stereo\.wav: not a plain 16 kHz mono 16-bit PCM WAV/,
    );
  });
});
