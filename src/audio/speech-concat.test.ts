import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { ffmpeg, readWavSamples, tempDir } from '../../test/fixtures/synth-audio.js';
import { alignTrack } from './track-align.js';
import { toTrackTime } from '../domain/speech-timeline.js';
import { concatSpeechRegions } from './speech-concat.js';
import { PCM_RATE, plainWavHeader, WAV_HEADER_BYTES } from './wav-format.js';

test('concatenated regions hold the exact source samples, with silent gaps, and map back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-concat-'));
  try {
    // Every sample carries its own index (mod 30000), so any shift shows.
    const samples = new Int16Array(PCM_RATE * 10).map((_, i) => (i % 30000) + 1);
    const source = join(dir, 'track.wav');
    await writeFile(source, Buffer.concat([plainWavHeader(samples.byteLength), Buffer.from(samples.buffer)]));
    const out = join(dir, 'speech.wav');
    const pieces = await concatSpeechRegions({
      wavPath: source,
      regions: [{ start: 1, end: 1.5 }, { start: 7.25, end: 8 }],
      gapSec: 0.25,
      outputPath: out,
      signal: new AbortController().signal,
    });
    const bytes = await readFile(out);
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset + WAV_HEADER_BYTES, (bytes.length - WAV_HEADER_BYTES) / 2);
    assert.equal(pcm.length, PCM_RATE * (0.5 + 0.25 + 0.75));
    const at = (sec: number) => pcm[Math.round(sec * PCM_RATE)];
    assert.equal(at(0), samples[PCM_RATE * 1]);
    assert.equal(at(0.6), 0, 'the gap is silent');
    assert.equal(at(0.75), samples[Math.round(PCM_RATE * 7.25)]);
    assert.equal(at(1.2), samples[Math.round(PCM_RATE * 7.7)]);
    assert.equal(toTrackTime(pieces, 1.2), 7.7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe('concatSpeechRegions on aligned audio', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());
  const signal = AbortSignal.timeout(30_000);

  it('copies exactly the samples of a region of a track written by alignTrack', async () => {
    // Noise: every sample differs, so an off-by-one cut cannot match by chance.
    const source = join(dir, 'noise.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.3:d=4:seed=7', '-ac', '1', source);
    const track = join(dir, 'track.wav');
    await alignTrack({ inputPath: source, offsetMs: 500, outputPath: track, signal });
    const out = join(dir, 'speech.wav');
    const [piece] = await concatSpeechRegions({ wavPath: track, regions: [{ start: 1.23, end: 2.5 }], gapSec: 0.5, outputPath: out, signal });
    assert.deepEqual(piece, { at: 0, trackStart: 1.23, duration: 1.27 });
    const all = await readWavSamples(track);
    assert.deepEqual(await readWavSamples(out), all.subarray(Math.round(1.23 * 16_000), Math.round(2.5 * 16_000)));
    const header = await readFile(out);
    assert.equal(header.readUInt32LE(40), header.length - 44);
    assert.equal(header.readUInt32LE(24), 16_000);
  });

  it('stops at the end of the track when a region runs past it', async () => {
    const source = join(dir, 'short.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.3:d=1:seed=3', source);
    const track = join(dir, 'short-aligned.wav');
    const aligned = await alignTrack({ inputPath: source, offsetMs: 0, outputPath: track, signal });
    const [piece] = await concatSpeechRegions({ wavPath: track, regions: [{ start: 0.5, end: 3 }], gapSec: 0.5, outputPath: join(dir, 'tail.wav'), signal });
    assert.equal(piece?.duration, aligned.durationSec - 0.5);
  });

  it('refuses a file that is not a plain 16 kHz mono WAV', async () => {
    const source = join(dir, 'stereo.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'anoisesrc=r=44100:a=0.3:d=1', '-ac', '2', source);
    await assert.rejects(
      concatSpeechRegions({ wavPath: source, regions: [{ start: 0, end: 0.5 }], gapSec: 0.5, outputPath: join(dir, 'z.wav'), signal }),
      /stereo\.wav: not a plain 16 kHz mono 16-bit PCM WAV/,
    );
  });
});
