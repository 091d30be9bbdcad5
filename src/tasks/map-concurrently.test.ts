import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapConcurrently } from './map-concurrently.js';

test('keeps order, bounds concurrency, and stops starting work after a failure', async () => {
  let active = 0;
  let peak = 0;
  const started: number[] = [];
  const out = await mapConcurrently([30, 10, 20, 5], 2, async (ms, i) => {
    started.push(i);
    active++;
    peak = Math.max(peak, active);
    await sleep(ms);
    active--;
    return ms * 2;
  });
  assert.deepEqual(out, [60, 20, 40, 10]);
  assert.equal(peak, 2);

  started.length = 0;
  await assert.rejects(
    mapConcurrently([1, 2, 3, 4, 5], 1, async (n, i) => {
      started.push(i);
      if (n === 2) throw new Error('batch 2 failed');
      return n;
    }),
    /batch 2 failed/,
  );
  assert.deepEqual(started, [0, 1]);
});
