import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryableStatus, retryDelayMs } from './retry-backoff.js';

const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000 };

test('retries rate limits, timeouts and server errors, not client errors', () => {
  assert.deepEqual(
    [400, 401, 404, 408, 413, 422, 429, 500, 502, 503].filter(isRetryableStatus),
    [408, 429, 500, 502, 503],
  );
});

test('backoff grows per attempt within jitter bounds and is capped', () => {
  assert.equal(retryDelayMs(policy, 1, null, () => 0), 50);
  assert.equal(retryDelayMs(policy, 1, null, () => 1), 100);
  assert.equal(retryDelayMs(policy, 3, null, () => 1), 400);
  assert.equal(retryDelayMs(policy, 10, null, () => 1), 1000);
});

test("the server's Retry-After seconds win, up to the cap", () => {
  assert.equal(retryDelayMs(policy, 1, '0.5', () => 0), 500);
  assert.equal(retryDelayMs(policy, 1, '120', () => 0), 1000);
  assert.equal(retryDelayMs(policy, 1, 'Wed, 21 Oct 2015 07:28:00 GMT', () => 1), 100);
});
