import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Transcript } from '../domain/transcript.js';
import { ShadowComparisonSchema } from './shadow-comparison.js';
import { stableJson } from './stable-json.js';
import { compareTranscripts } from './transcript-compare.js';

const alice = { id: 'p1', name: 'Alice' };
const bob = { id: 'p2', name: 'Bob' };

/** A transcript from "text@start:speakerIndex" words, participants in speaker order. */
function transcript(spec: string, people = [alice, bob], extra: Partial<Transcript> = {}): Transcript {
  const words = spec.split(' ').map((w) => {
    const [text, rest] = w.split('@') as [string, string];
    const [start, speaker] = rest.split(':').map(Number) as [number, number];
    return { text, start, end: start + 0.4, speaker };
  });
  return {
    id: 't',
    status: 'ended',
    durationMs: 10_000,
    title: 'Budget Review',
    shortSummary: 'Alice and Bob discussed the budget.',
    longSummary: '# Budget\nAlice said the budget is fine.',
    participants: people.map((p, speaker) => ({ ...p, speaker })),
    words,
    segments: [],
    topics: [{ id: 't1', title: 'Budget', summary: 'The budget.', timestamp: 0.5, duration: 5 }],
    actionItems: { decisions: ['we keep the budget'], nextSteps: [{ task: 'send it', assignee: 'Bob', deadline: 'by Friday' }] },
    audioDeleted: false,
    ...extra,
  };
}

const base = 'The@0.5:0 budget,@0.9:0 is@1.3:0 fine.@1.6:0 Great@3:1 thanks@3.4:1';
const exact = { looseText: false };

describe('compareTranscripts', () => {
  test('identical transcripts: WER 0, agreement 1, no timing difference, every field equal', () => {
    const c = compareTranscripts(transcript(base), transcript(base), exact);
    assert.equal(c.identical, true);
    assert.deepEqual(c.words, { a: 6, b: 6, wer: 0, substitutions: 0, insertions: 0, deletions: 0, matched: 6 });
    assert.equal(c.speakers.agreement, 1);
    assert.deepEqual(c.timing, { meanStartDeltaMs: 0, maxStartDeltaMs: 0, maxEndDeltaMs: 0 });
    assert.ok(c.fields.every((f) => f.verdict === 'equal' && f.similarity === 1));
    assert.deepEqual(c.differences, { shown: [], total: 0 });
    assert.deepEqual(c.speakers.byParticipant, [
      { id: 'p1', name: 'Alice', wordsA: 4, wordsB: 4 },
      { id: 'p2', name: 'Bob', wordsA: 2, wordsB: 2 },
    ]);
    ShadowComparisonSchema.parse(c);
  });

  test('case and punctuation are not differences', () => {
    const c = compareTranscripts(transcript(base), transcript(base.replace('budget,', 'Budget').replace('fine.', 'fine')), exact);
    assert.equal(c.words.wer, 0);
  });

  test('a substitution is counted and listed with its time and speaker', () => {
    const c = compareTranscripts(transcript(base), transcript(base.replace('fine.@1.6', 'mine@1.6')), exact);
    assert.deepEqual([c.words.substitutions, c.words.insertions, c.words.deletions, c.words.matched], [1, 0, 0, 5]);
    assert.equal(c.words.wer, 0.1667);
    assert.deepEqual(c.differences.shown, [
      { kind: 'substitution', a: { text: 'fine.', startMs: 1600, speaker: 'Alice' }, b: { text: 'mine', startMs: 1600, speaker: 'Alice' } },
    ]);
    assert.equal(c.identical, false);
  });

  test('an insertion in B is counted against A and listed', () => {
    const c = compareTranscripts(transcript(base), transcript(base.replace('Great@3:1', 'Oh@2.8:1 Great@3:1')), exact);
    assert.deepEqual([c.words.substitutions, c.words.insertions, c.words.deletions, c.words.b], [0, 1, 0, 7]);
    assert.equal(c.words.wer, 0.1667);
    assert.deepEqual(c.differences.shown, [{ kind: 'insertion', a: null, b: { text: 'Oh', startMs: 2800, speaker: 'Bob' } }]);
    assert.equal(c.speakers.agreement, 1);
  });

  test('a deletion in B is counted', () => {
    const c = compareTranscripts(transcript(base), transcript(base.replace(' thanks@3.4:1', '')), exact);
    assert.deepEqual([c.words.substitutions, c.words.insertions, c.words.deletions], [0, 0, 1]);
    assert.equal(c.differences.shown[0]?.kind, 'deletion');
  });

  test('a word given to another participant lowers agreement, not WER', () => {
    const c = compareTranscripts(transcript(base), transcript(base.replace('thanks@3.4:1', 'thanks@3.4:0')), exact);
    assert.equal(c.words.wer, 0);
    assert.equal(c.speakers.mismatches, 1);
    assert.equal(c.speakers.agreement, 0.8333);
  });

  test('speakers are compared by participant, not by index: renumbered participants still agree', () => {
    const swapped = 'The@0.5:1 budget,@0.9:1 is@1.3:1 fine.@1.6:1 Great@3:0 thanks@3.4:0';
    const c = compareTranscripts(transcript(base), transcript(swapped, [bob, alice]), exact);
    assert.equal(c.speakers.agreement, 1);
    assert.equal(c.speakers.participantsEqual, true);
  });

  test('word times, duration and topic timestamps are compared in milliseconds', () => {
    const later = base.replace('is@1.3', 'is@1.35').replace('Great@3', 'Great@3.2');
    const topics = [{ id: 't1', title: 'Budget', summary: 'The budget.', timestamp: 0.75, duration: 5 }];
    const c = compareTranscripts(transcript(base), transcript(later, [alice, bob], { durationMs: 10_250, topics }), exact);
    assert.deepEqual(c.timing, { meanStartDeltaMs: 42, maxStartDeltaMs: 200, maxEndDeltaMs: 200 });
    assert.deepEqual(c.duration, { aMs: 10_000, bMs: 10_250, differenceMs: 250 });
    assert.deepEqual(c.topics.b, { count: 1, timestampsMs: [750] });
    assert.equal(c.topics.sameTimestamps, false);
  });

  test('text fields: exact verdicts for deterministic text, similarity only for sampled LLM text', () => {
    const b = transcript(base, [alice, bob], { title: 'The budget review', shortSummary: 'Bob and Alice discussed the budget!' });
    const strict = compareTranscripts(transcript(base), b, exact);
    const byField = new Map(strict.fields.map((f) => [f.field, f]));
    assert.equal(byField.get('title')?.verdict, 'differs');
    assert.equal(byField.get('title')?.similarity, 0.6667);
    assert.equal(byField.get('shortSummary')?.verdict, 'differs');
    assert.equal(byField.get('longSummary')?.verdict, 'equal');
    const loose = compareTranscripts(transcript(base), b, { looseText: true });
    const shortSummary = loose.fields.find((f) => f.field === 'shortSummary');
    assert.deepEqual(shortSummary, { field: 'shortSummary', mode: 'loose', verdict: null, similarity: 1 });
  });

  test('the same inputs give byte-identical JSON', () => {
    const b = transcript(base.replace('fine.@1.6', 'mine@1.7'));
    assert.equal(stableJson(compareTranscripts(transcript(base), b, exact)), stableJson(compareTranscripts(transcript(base), b, exact)));
  });

  test('empty transcripts compare without dividing by zero', () => {
    const empty = { ...transcript(base), words: [] };
    const c = compareTranscripts(empty, empty, exact);
    assert.equal(c.words.wer, 0);
    assert.equal(c.speakers.agreement, null);
    assert.equal(compareTranscripts(empty, transcript(base), exact).words.wer, 1);
  });
});
