import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDeadline } from './deadline-phrase.js';

describe('findDeadline', () => {
  it('keeps the whole phrase as said', () => {
    const cases: [string, string | undefined][] = [
      ['send it by the end of next week please', 'by the end of next week'],
      ['finish the draft by friday', 'by friday'],
      ['lets review it next week', 'next week'],
      ['the report is due end of month', 'end of month'],
      ['i will do it tomorrow morning', 'tomorrow morning'],
      ['in two weeks we ship', 'in two weeks'],
      ['we talked about the roadmap', undefined],
    ];
    for (const [text, phrase] of cases) assert.equal(findDeadline(text)?.phrase, phrase, text);
  });
});
