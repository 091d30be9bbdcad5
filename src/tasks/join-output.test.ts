import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinOutputsInOrder } from './join-output.js';

test('a JOIN output map is read in branch order, whatever its key order', () => {
  const join = { track_2: { n: 2 }, track_0: { n: 0 }, track_1: { n: 1 } };
  assert.deepEqual(joinOutputsInOrder(join, ['track_0', 'track_1', 'track_2']), [{ n: 0 }, { n: 1 }, { n: 2 }]);
});

test('a missing branch (Conductor leaves out empty outputs) fails loudly and terminally, naming it', () => {
  assert.throws(
    () => joinOutputsInOrder({ track_0: {}, track_2: {} }, ['track_0', 'track_1', 'track_2']),
    (error: Error & { terminal?: boolean }) => {
      assert.match(error.message, /JOIN output is missing branch track_1 \(has: track_0, track_2\)/);
      assert.equal(error.terminal, true);
      return true;
    },
  );
});
