import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { limitTranscriber } from './limited-transcriber.js';
import type { Transcriber } from './transcriber.js';

// A stand-in recogniser that only records how many calls overlap: the limiter's behaviour is the subject here.
function countingTranscriber(maxConcurrency: number) {
  const stats = { active: 0, peak: 0, order: [] as string[] };
  const transcriber: Transcriber = {
    name: 'counting',
    capabilities: { maxConcurrency },
    async transcribe(wavPath) {
      stats.active++;
      stats.peak = Math.max(stats.peak, stats.active);
      stats.order.push(wavPath);
      await sleep(20);
      stats.active--;
      return [{ text: wavPath, start: 0, end: 1 }];
    },
  };
  return { transcriber, stats };
}

test('no more clips than maxConcurrency are recognised at once, served in arrival order', async () => {
  const { transcriber, stats } = countingTranscriber(2);
  const limited = limitTranscriber(transcriber);
  const signal = new AbortController().signal;
  const clips = ['a', 'b', 'c', 'd', 'e'];
  const results = await Promise.all(clips.map((c) => limited.transcribe(c, { signal })));
  assert.equal(stats.peak, 2);
  assert.deepEqual(stats.order, clips);
  assert.deepEqual(results.map((r) => r[0]!.text), clips);
});

test('an aborted waiter leaves the queue and the others still run', async () => {
  const { transcriber, stats } = countingTranscriber(1);
  const limited = limitTranscriber(transcriber);
  const live = new AbortController().signal;
  const cancelled = new AbortController();
  const first = limited.transcribe('a', { signal: live });
  const second = limited.transcribe('b', { signal: cancelled.signal });
  const third = limited.transcribe('c', { signal: live });
  cancelled.abort(new Error('stop'));
  await assert.rejects(second, /stop/);
  await Promise.all([first, third]);
  assert.deepEqual(stats.order, ['a', 'c']);
});
