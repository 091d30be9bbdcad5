import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchRegions, layOutRegions, toTrackTime } from './speech-timeline.js';

const regions = [
  { start: 10, end: 12 },
  { start: 30, end: 31.5 },
  { start: 50, end: 50 },
  { start: 60, end: 64 },
];

test('regions are laid end to end with gaps, empty ones dropped', () => {
  assert.deepEqual(layOutRegions(regions, 0.5), [
    { at: 0, trackStart: 10, duration: 2 },
    { at: 2.5, trackStart: 30, duration: 1.5 },
    { at: 4.5, trackStart: 60, duration: 4 },
  ]);
});

test('times map back exactly inside pieces and to the piece edge inside gaps', () => {
  const pieces = layOutRegions(regions, 0.5);
  assert.equal(toTrackTime(pieces, 0), 10);
  assert.equal(toTrackTime(pieces, 1.25), 11.25);
  assert.equal(toTrackTime(pieces, 2.2), 12); // in the gap after the first piece
  assert.equal(toTrackTime(pieces, 2.5), 30);
  assert.equal(toTrackTime(pieces, 5.5), 61);
  assert.equal(toTrackTime(pieces, 99), 64);
});

test('batches hold at most the given speech, never splitting a region', () => {
  assert.deepEqual(
    batchRegions(regions, 3.5).map((b) => b.map((r) => r.start)),
    [[10, 30, 50], [60]],
  );
  assert.deepEqual(batchRegions([], 10), []);
});
