import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SPEECH_REGION_OPTIONS, shapeSpeechRegions } from './speech-region-shape.js';

const FRAME = 0.01;

/** Levels for `sec` seconds: speech (-20 dB) inside the given spans, digital silence elsewhere. */
function levels(sec: number, speech: [number, number][], speechDb = -20): Float32Array {
  const out = new Float32Array(Math.round(sec / FRAME)).fill(-120);
  for (const [from, to] of speech) out.fill(speechDb, Math.round(from / FRAME), Math.round(to / FRAME));
  return out;
}

const shape = (levelsDb: Float32Array, options = {}) =>
  shapeSpeechRegions(
    { levelsDb, frameSec: FRAME, durationSec: levelsDb.length * FRAME },
    { ...DEFAULT_SPEECH_REGION_OPTIONS, ...options },
  );

describe('shapeSpeechRegions', () => {
  it('pads each burst and keeps bursts apart when the pause is long', () => {
    const regions = shape(levels(20, [[2, 4], [10, 11]]));
    assert.equal(regions.length, 2);
    assert.ok(Math.abs(regions[0]!.start - 1.75) < 1e-9 && Math.abs(regions[0]!.end - 4.25) < 1e-9);
    assert.ok(Math.abs(regions[1]!.start - 9.75) < 1e-9 && Math.abs(regions[1]!.end - 11.25) < 1e-9);
  });

  it('bridges pauses between words shorter than minSilenceSec', () => {
    const regions = shape(levels(10, [[2, 3], [3.4, 4]]));
    assert.equal(regions.length, 1);
  });

  it('clamps padding to the track', () => {
    const regions = shape(levels(3, [[0, 1], [2.9, 3]]));
    assert.equal(regions[0]!.start, 0);
    assert.ok(Math.abs(regions.at(-1)!.end - 3) < 1e-9);
  });

  it('ignores clicks and a track that never gets loud', () => {
    assert.deepEqual(shape(levels(10, [[5, 5.04]])), []);
    assert.deepEqual(shape(levels(10, [[2, 6]], -70)), []);
  });

  it('splits a long region at its quietest point, never longer than maxRegionSec', () => {
    const l = levels(40, [[1, 39]]);
    l.fill(-40, Math.round(21 / FRAME), Math.round(21.1 / FRAME)); // a breath at 21 s
    const regions = shape(l, { maxRegionSec: 25 });
    assert.equal(regions.length, 2);
    assert.ok(Math.abs(regions[0]!.end - 21.06) < 0.05, `cut at ${regions[0]!.end}`);
    assert.equal(regions[0]!.end, regions[1]!.start);
    // An hour of talk with a 0.5 s breath every 5 s: one region, cut into clips.
    const talk = Array.from({ length: 720 }, (_, i): [number, number] => [i * 5, i * 5 + 4.5]);
    const hour = shape(levels(3600, talk), { maxRegionSec: 25 });
    assert.ok(hour.every((r) => r.end - r.start <= 25 + 1e-9));
    assert.ok(hour.length >= 144, `${hour.length} pieces`);
    assert.ok(hour.every((r, i) => i === 0 || r.start === hour[i - 1]!.end), 'pieces are contiguous');
    assert.ok(hour.every((r) => r.end - r.start >= 12.5 - 1e-9 || r === hour.at(-1)), 'no tiny pieces');
  });
});
