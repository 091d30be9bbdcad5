import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWords, wordErrorRate } from './word-error-rate.js';

test('identical word lists have no errors', () => {
  assert.equal(wordErrorRate(['a', 'b', 'c'], ['a', 'b', 'c']), 0);
});

test('counts substitutions, deletions and insertions against the reference length', () => {
  assert.equal(wordErrorRate(['the', 'quick', 'fox'], ['the', 'quick', 'box']), 1 / 3);
  assert.equal(wordErrorRate(['the', 'quick', 'fox'], ['the', 'fox']), 1 / 3);
  assert.equal(wordErrorRate(['the', 'fox'], ['the', 'red', 'fox']), 1 / 2);
  assert.equal(wordErrorRate(['a', 'b'], []), 1);
});

test('normalizes case and punctuation but keeps apostrophes', () => {
  assert.deepEqual(normalizeWords("The Fox, isn't   LAZY."), ['the', 'fox', "isn't", 'lazy']);
});
