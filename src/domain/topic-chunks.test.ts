import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Segment } from './segment.js';
import { chunkSegments } from './topic-chunks.js';

const segment = (words: number): Segment => ({ speaker: 0, start: 0, end: 1, text: Array(words).fill('w').join(' ') });

test('chunks cover every segment once, at about the target size', () => {
  const segments = Array.from({ length: 40 }, () => segment(25)); // 1,000 words
  const chunks = chunkSegments(segments, 300);
  assert.deepEqual(chunks, [
    { from: 0, to: 12 },
    { from: 12, to: 24 },
    { from: 24, to: 36 },
    { from: 36, to: 40 },
  ]);
});

test('a short tail joins the previous chunk; a tiny meeting is one chunk; none is none', () => {
  assert.deepEqual(chunkSegments([segment(300), segment(50)], 300), [{ from: 0, to: 2 }]);
  assert.deepEqual(chunkSegments([segment(20)], 300), [{ from: 0, to: 1 }]);
  assert.deepEqual(chunkSegments([], 300), []);
});
