import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alignWords, type AlignmentStep } from './word-alignment.js';

const kinds = (steps: AlignmentStep[]) => steps.map((s) => s.kind);
const words = (text: string) => (text ? text.split(' ') : []);

describe('alignWords', () => {
  test('identical lists are all matches, index for index', () => {
    const steps = alignWords(words('the cat sat'), words('the cat sat'));
    assert.deepEqual(steps, [
      { kind: 'match', a: 0, b: 0 },
      { kind: 'match', a: 1, b: 1 },
      { kind: 'match', a: 2, b: 2 },
    ]);
  });

  test('a substitution, an insertion and a deletion each appear once, in place', () => {
    assert.deepEqual(kinds(alignWords(words('the cat sat down'), words('the dog sat down'))), ['match', 'substitution', 'match', 'match']);
    assert.deepEqual(alignWords(words('the cat sat'), words('the big cat sat'))[1], { kind: 'insertion', b: 1 });
    assert.deepEqual(alignWords(words('the big cat sat'), words('the cat sat'))[1], { kind: 'deletion', a: 1 });
  });

  test('every word of both lists is covered exactly once, in order', () => {
    const a = words('so we decided the budget is fine by friday and bob will send it');
    const b = words('so we decide the the budget fine by friday bob will then send it out');
    const steps = alignWords(a, b);
    const fromA = steps.flatMap((s) => ('a' in s ? [s.a] : []));
    const fromB = steps.flatMap((s) => ('b' in s ? [s.b] : []));
    assert.deepEqual(fromA, a.map((_, i) => i));
    assert.deepEqual(fromB, b.map((_, i) => i));
    for (const s of steps) if (s.kind === 'match') assert.equal(a[s.a], b[s.b]);
    // Minimal: the edit count is the Levenshtein distance (1 sub, 3 ins, 2 del here).
    assert.equal(steps.filter((s) => s.kind !== 'match').length, 6);
  });

  test('empty lists', () => {
    assert.deepEqual(alignWords([], []), []);
    assert.deepEqual(kinds(alignWords([], words('a b'))), ['insertion', 'insertion']);
    assert.deepEqual(kinds(alignWords(words('a b'), [])), ['deletion', 'deletion']);
  });
});
