import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenJaccard } from './text-similarity.js';

test('token Jaccard ignores case, punctuation and order, and counts shared distinct words', () => {
  assert.equal(tokenJaccard('Budget review.', 'review the BUDGET'), 2 / 3);
  assert.equal(tokenJaccard('Alice will send it', 'alice, will send it!'), 1);
  assert.equal(tokenJaccard('one two', 'three four'), 0);
  assert.equal(tokenJaccard('', ''), 1);
  assert.equal(tokenJaccard('', 'words'), 0);
});
