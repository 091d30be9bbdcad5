import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ffmpeg, firstLoudSample, readWavSamples, speak, tempDir } from '../../test/fixtures/synth-audio.js';
import { detectSpeechRegions } from './speech-regions.js';

const signal = AbortSignal.timeout(60_000);

describe('detectSpeechRegions', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  /** Known speech on the track, measured from the synthesised samples. */
  const speech: { start: number; end: number }[] = [];
  let track = '';
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    const phrases = ['Good morning everyone, shall we begin?', 'I will send the budget by Friday.'];
    const at = [2, 9.5];
    for (const [i, text] of phrases.entries()) {
      const wav = join(dir, `p${i}.wav`);
      await speak('slt', text, wav);
      const samples = await readWavSamples(wav);
      const first = firstLoudSample(samples, 300);
      const last = samples.length - 1 - [...samples].reverse().findIndex((s) => Math.abs(s) > 300);
      speech.push({ start: at[i]! + first / 16_000, end: at[i]! + last / 16_000 });
    }
    // Two utterances on 15 s of faint noise (a real microphone is never digitally silent).
    track = join(dir, 'track.wav');
    await ffmpeg(
      '-i', join(dir, 'p0.wav'), '-i', join(dir, 'p1.wav'),
      '-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.002:d=15:seed=1',
      '-filter_complex', '[0]adelay=2000:all=1[a];[1]adelay=9500:all=1[b];[a][b][2]amix=inputs=3:duration=longest:normalize=0',
      '-ar', '16000', '-ac', '1', track,
    );
  });
  after(() => cleanup());

  it('finds each utterance within 0.3 s and nothing in the noise between', async () => {
    const regions = await detectSpeechRegions(track, {}, signal);
    assert.equal(regions.length, 2, JSON.stringify(regions));
    for (const [i, region] of regions.entries()) {
      const truth = speech[i]!;
      assert.ok(region.start <= truth.start && truth.start - region.start <= 0.3, `start ${region.start} vs speech ${truth.start}`);
      assert.ok(region.end >= truth.end && region.end - truth.end <= 0.3, `end ${region.end} vs speech ${truth.end}`);
    }
  });

  it('splits long speech into clips no longer than maxRegionSec', async () => {
    const regions = await detectSpeechRegions(track, { maxRegionSec: 1.5 }, signal);
    assert.ok(regions.length > 2);
    assert.ok(regions.every((r) => r.end - r.start <= 1.5 + 1e-9));
    assert.ok(regions[0]!.start <= speech[0]!.start && regions.at(-1)!.end >= speech[1]!.end);
  });

  it('finds no speech in a track of noise alone, faint or loud', async () => {
    for (const amplitude of [0.002, 0.05]) {
      const noise = join(dir, `noise-${amplitude}.wav`);
      await ffmpeg('-f', 'lavfi', '-i', `anoisesrc=r=16000:a=${amplitude}:d=5:seed=2`, noise);
      assert.deepEqual(await detectSpeechRegions(noise, {}, signal), [], `noise at amplitude ${amplitude}`);
    }
  });

  it('finds speech over loud background noise', async () => {
    const noisy = join(dir, 'noisy.wav');
    await ffmpeg('-i', track, '-f', 'lavfi', '-i', 'anoisesrc=r=16000:a=0.02:d=15:seed=5', '-filter_complex', 'amix=inputs=2:normalize=0', noisy);
    const regions = await detectSpeechRegions(noisy, {}, signal);
    assert.equal(regions.length, 2, JSON.stringify(regions));
    assert.ok(Math.abs(regions[0]!.start - (speech[0]!.start - 0.25)) <= 0.3, `start ${regions[0]!.start}`);
    assert.ok(Math.abs(regions[1]!.start - (speech[1]!.start - 0.25)) <= 0.3, `start ${regions[1]!.start}`);
  });
});
