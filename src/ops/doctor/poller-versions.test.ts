import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollerVersionCheck, RECENT_POLL_MS } from './poller-versions.js';

const now = 1_800_000_000_000;
const seen = (workerId: string, agoMs = 1000) => ({ taskType: 'transcribe_track', workerId, lastPollTime: now - agoMs });

test('one version polling, however many processes, passes and names them', () => {
  const c = pollerVersionCheck('transcribe_track', [seen('a:1:1.0+x'), seen('b:2:1.0+x'), seen('a:1:1.0+x', 5000)], { now, currentVersion: '1.0+y' });
  assert.equal(c.ok, true);
  assert.match(c.detail, /^2 workers, one version: 1\.0\+x: a:1:1\.0\+x \(1 s ago\), b:2:1\.0\+x \(1 s ago\) \(this build is 1\.0\+y\)$/);
});

test('two versions polling one task type fail: the ghost-worker check', () => {
  const c = pollerVersionCheck('transcribe_track', [seen('a:1:1.0+x'), seen('b:2:0.9+old')], { now, currentVersion: undefined });
  assert.equal(c.ok, false);
  assert.match(c.detail, /2 code versions are polling: 1\.0\+x: a:1:1\.0\+x .*; 0\.9\+old: b:2:0\.9\+old/);
});

test('a poll older than the recent window is not a worker that is there now', () => {
  const c = pollerVersionCheck('transcribe_track', [seen('a:1:1.0+x', RECENT_POLL_MS + 1000)], { now, currentVersion: undefined });
  assert.equal(c.ok, false);
  assert.match(c.detail, /no worker polled it in the last 120 s \(last poll 121 s ago\)/);
  assert.equal(pollerVersionCheck('finalize', [seen('a:1:1.0+x')], { now, currentVersion: undefined }).detail, 'no worker has polled it');
});
