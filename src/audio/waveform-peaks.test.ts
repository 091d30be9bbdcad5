import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir, writeToneSequence } from '../../test/fixtures/synth-audio.js';
import { PeakAccumulator, computeWaveform } from './waveform-peaks.js';

const signal = AbortSignal.timeout(30_000);

describe('computeWaveform', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  it('gives 255 peaks: 0 in silence, high where it is loud, the loudest exactly 1', async () => {
    // 0–2 s silence, 2–3 s loud, 3–4 s quiet, 4–5 s silence: buckets of 5/255 s each.
    const path = join(dir, 'mix.mp3');
    await writeToneSequence(
      path,
      [{ silence: 2 }, { sine: 440, sec: 1, volume: 0.8 }, { sine: 440, sec: 1, volume: 0.2 }, { silence: 1 }],
      { codecArgs: ['-c:a', 'libmp3lame'] },
    );
    const peaks = await computeWaveform(path, { peaks: 255 }, signal);
    assert.equal(peaks.length, 255);
    assert.equal(Math.max(...peaks), 1);
    const bucket = (sec: number) => Math.floor((sec / 5) * 255);
    const range = (from: number, to: number) => peaks.slice(bucket(from), bucket(to));
    assert.ok(range(0, 1.9).every((p) => p < 0.01), 'silence is 0');
    assert.ok(range(2.1, 2.9).every((p) => p > 0.9), 'loud part is high');
    assert.ok(range(3.1, 3.9).every((p) => p > 0.2 && p < 0.3), 'quiet part is a quarter of the loud one');
    assert.ok(range(4.1, 5).every((p) => p < 0.01), 'trailing silence is 0');
  });

  it('gives all zeros, not NaN, for silence', async () => {
    const path = join(dir, 'silence.wav');
    await writeToneSequence(path, [{ silence: 1 }]);
    assert.deepEqual(await computeWaveform(path, { peaks: 255 }, signal), new Array<number>(255).fill(0));
  });

  it('fails naming a missing file', async () => {
    await assert.rejects(computeWaveform(join(dir, 'audio.mp3'), { peaks: 255 }, signal), /audio\.mp3: file not found/);
  });
});

describe('PeakAccumulator', () => {
  it('matches a direct per-bucket maximum after its bins have halved many times', () => {
    const samples = Array.from({ length: 100_003 }, (_, i) => Math.abs(Math.sin(i * 0.37) * 1000 * ((i * 7919) % 13)));
    const accumulator = new PeakAccumulator(255 * 128);
    for (const s of samples) accumulator.add(s);
    const got = accumulator.buckets(255);
    const max = Math.max(...samples);
    // Direct: each bucket's max over its share of the samples. Edges are placed to a bin,
    // so a bucket may see a neighbour's first or last bin: compare with a tolerance window.
    for (let b = 0; b < 255; b++) {
      const lo = Math.floor((b * samples.length) / 255);
      const hi = Math.floor(((b + 1) * samples.length) / 255);
      const slack = Math.ceil(samples.length / (255 * 64));
      const inner = Math.max(...samples.slice(lo + slack, hi - slack)) / max;
      const outer = Math.max(...samples.slice(Math.max(0, lo - slack), hi + slack)) / max;
      assert.ok(got[b]! >= inner - 1e-12 && got[b]! <= outer + 1e-12, `bucket ${b}: ${got[b]} not in [${inner}, ${outer}]`);
    }
  });

  it('handles fewer samples than buckets', () => {
    const accumulator = new PeakAccumulator(255 * 128);
    for (const s of [0, 5, 10]) accumulator.add(s);
    const got = accumulator.buckets(255);
    assert.equal(got.length, 255);
    assert.equal(Math.max(...got), 1);
    assert.ok(got.every((p) => Number.isFinite(p)));
  });
});
