import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from './text-tokens.js';
import { alignToTopics } from './topic-alignment.js';

const turns = (...texts: string[]) => texts.map((text, index) => ({ index, speaker: index % 2, start: index, tokens: tokenize(text) }));
const words = (text: string) => new Set(tokenize(text));

describe('alignToTopics', () => {
  it('splits where the talk moves from one topic to the next, even off the even split', () => {
    const utterances = turns(
      'the budget for next quarter is tight',
      'we could cut the travel budget',
      'the hiring plan needs two engineers',
      'hiring takes three months',
      'the hiring manager agrees with the plan',
      'who owns the hiring interviews',
    );
    const groups = alignToTopics(utterances, [words('budget quarter travel'), words('hiring plan engineers interviews')]);
    assert.deepEqual(groups.map((g) => g.map((u) => u.index)), [[0, 1], [2, 3, 4, 5]]);
  });

  it('gives every topic at least one turn and keeps the order', () => {
    const utterances = turns('alpha', 'alpha', 'alpha', 'alpha');
    const groups = alignToTopics(utterances, [words('alpha'), words('beta'), words('gamma')]);
    assert.equal(groups.length, 3);
    assert.ok(groups.every((g) => g.length > 0));
    assert.deepEqual(groups.flat().map((u) => u.index), [0, 1, 2, 3]);
  });
});
