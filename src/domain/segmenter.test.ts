import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSegments } from './segmenter.js';
import type { Word } from './word.js';
import { mergeWords } from './word-merge.js';

const w = (text: string, start: number, end: number, speaker: number): Word => ({ text, start, end, speaker });

test('overlapping speakers stay in separate segments instead of interleaving', () => {
  const alice = [w('so', 0, 0.3, 0), w('the', 0.35, 0.5, 0), w('budget', 0.55, 1.0, 0), w('is', 1.05, 1.2, 0), w('done', 1.25, 1.6, 0)];
  const bob = [w('yes', 0.6, 0.9, 1), w('agreed', 0.95, 1.4, 1)];
  const segments = buildSegments(mergeWords([alice, bob]));
  assert.deepEqual(
    segments.map((s) => [s.speaker, s.text]),
    [
      [0, 'so the budget is done'],
      [1, 'yes agreed'],
    ],
  );
  assert.deepEqual([segments[0]!.start, segments[0]!.end], [0, 1.6]);
});

test('a long pause or a sentence end starts a new segment for the same speaker', () => {
  const words = [w('hello.', 0, 0.5, 0), w('next', 0.6, 0.9, 0), w('thing', 1.0, 1.3, 0), w('later', 4.0, 4.4, 0)];
  assert.deepEqual(
    buildSegments(words).map((s) => s.text),
    ['hello.', 'next thing', 'later'],
  );
});

test('segments are cut at the maximum duration', () => {
  const words = Array.from({ length: 30 }, (_, i) => w(`w${i}`, i, i + 0.8, 0));
  const segments = buildSegments(words, { maxPause: 1, maxDuration: 10 });
  assert.ok(segments.length >= 3);
  for (const s of segments) assert.ok(s.end - s.start <= 10, `segment ${s.start}-${s.end} too long`);
  assert.equal(segments.map((s) => s.text).join(' '), words.map((x) => x.text).join(' '));
});

test('merge sorts by start and keeps track order for ties', () => {
  const merged = mergeWords([[w('a', 1, 2, 0), w('c', 3, 4, 0)], [w('b', 1, 2, 1), w('d', 2, 3, 1)]]);
  assert.deepEqual(merged.map((x) => x.text), ['a', 'b', 'd', 'c']);
});
