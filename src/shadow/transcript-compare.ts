import type { Transcript } from '../domain/transcript.js';
import type { FieldComparison, ShadowComparison, WordDifference } from './shadow-comparison.js';
import { tokenJaccard } from './text-similarity.js';
import { alignWords } from './word-alignment.js';
import { normalizeWord } from './word-normalize.js';

/** How to compare: `looseText` when a side's text fields come from a sampled LLM. */
export interface CompareOptions {
  readonly looseText: boolean;
  /** How many word differences to list (all are counted). */
  readonly maxDifferences?: number;
}

const toMs = (seconds: number) => Math.round(seconds * 1000);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A participant's identity is their id, never the speaker index (two runs may number them differently). */
function speakerIds(t: Transcript): (speaker: number) => { id: string; name: string } {
  const bySpeaker = new Map(t.participants.map((p) => [p.speaker, { id: p.id, name: p.name }]));
  return (speaker) => bySpeaker.get(speaker) ?? { id: `speaker-${speaker}`, name: `speaker ${speaker}` };
}

/** The text fields a summarizer writes, each flattened to one string. */
function textFields(t: Transcript): [string, string][] {
  return [
    ['title', t.title],
    ['shortSummary', t.shortSummary],
    ['longSummary', t.longSummary],
    ['actionItems.decisions', t.actionItems.decisions.join('\n')],
    ['actionItems.nextSteps', t.actionItems.nextSteps.map((s) => `${s.task} | ${s.assignee ?? ''} | ${s.deadline ?? ''}`).join('\n')],
    ['topics.titles', t.topics.map((topic) => topic.title).join('\n')],
    ['topics.summaries', t.topics.map((topic) => topic.summary).join('\n')],
  ];
}

/**
 * Compares transcript B with transcript A (the reference): words aligned by
 * edit distance on normalised text, speakers by participant id, times in
 * milliseconds, text fields exactly or (for sampled LLM text) by similarity.
 * Pure: the same two transcripts give the same result.
 */
export function compareTranscripts(a: Transcript, b: Transcript, options: CompareOptions): ShadowComparison {
  const keep = (t: Transcript) => t.words.filter((w) => normalizeWord(w.text).length > 0);
  const wa = keep(a);
  const wb = keep(b);
  const steps = alignWords(wa.map((w) => normalizeWord(w.text)), wb.map((w) => normalizeWord(w.text)));
  const whoA = speakerIds(a);
  const whoB = speakerIds(b);

  const counts = { match: 0, substitution: 0, insertion: 0, deletion: 0 };
  let mismatches = 0;
  let startDeltaSum = 0;
  let maxStart = 0;
  let maxEnd = 0;
  const differences: WordDifference[] = [];
  const describe = (w: Transcript['words'][number] | undefined, who: typeof whoA) =>
    w ? { text: w.text, startMs: toMs(w.start), speaker: who(w.speaker).name } : null;
  for (const step of steps) {
    counts[step.kind]++;
    const x = 'a' in step ? wa[step.a] : undefined;
    const y = 'b' in step ? wb[step.b] : undefined;
    if (step.kind === 'match' && x && y) {
      if (whoA(x.speaker).id !== whoB(y.speaker).id) mismatches++;
      const startDelta = Math.abs(toMs(x.start) - toMs(y.start));
      startDeltaSum += startDelta;
      maxStart = Math.max(maxStart, startDelta);
      maxEnd = Math.max(maxEnd, Math.abs(toMs(x.end) - toMs(y.end)));
    } else if (step.kind !== 'match') {
      differences.push({ kind: step.kind, a: describe(x, whoA), b: describe(y, whoB) });
    }
  }
  const errors = counts.substitution + counts.insertion + counts.deletion;
  const wer = wa.length === 0 ? (wb.length === 0 ? 0 : 1) : errors / wa.length;

  const participants = new Map<string, { id: string; name: string; wordsA: number; wordsB: number }>();
  const tally = (t: Transcript, who: typeof whoA, side: 'wordsA' | 'wordsB') => {
    for (const p of t.participants) if (!participants.has(p.id)) participants.set(p.id, { id: p.id, name: p.name, wordsA: 0, wordsB: 0 });
    for (const w of t.words) {
      const { id, name } = who(w.speaker);
      const entry = participants.get(id) ?? { id, name, wordsA: 0, wordsB: 0 };
      entry[side]++;
      participants.set(id, entry);
    }
  };
  tally(a, whoA, 'wordsA');
  tally(b, whoB, 'wordsB');
  const identity = (t: Transcript) => JSON.stringify(t.participants.map((p) => [p.id, p.name]).sort());

  const fieldsB = new Map(textFields(b));
  const fields: FieldComparison[] = textFields(a).map(([field, textA]) => {
    const textB = fieldsB.get(field) ?? '';
    return {
      field,
      mode: options.looseText ? 'loose' : 'exact',
      verdict: options.looseText ? null : textA === textB ? 'equal' : 'differs',
      similarity: round4(tokenJaccard(textA, textB)),
    };
  });

  const topicsA = a.topics.map((t) => toMs(t.timestamp));
  const topicsB = b.topics.map((t) => toMs(t.timestamp));
  const sameTimestamps = JSON.stringify(topicsA) === JSON.stringify(topicsB);
  const durationDifference = b.durationMs - a.durationMs;
  const identical =
    errors === 0 && mismatches === 0 && maxStart === 0 && maxEnd === 0 && durationDifference === 0 && sameTimestamps &&
    identity(a) === identity(b) && fields.every((f) => f.verdict === 'equal' || (f.verdict === null && f.similarity === 1));

  return {
    identical,
    words: {
      a: wa.length,
      b: wb.length,
      wer: round4(wer),
      substitutions: counts.substitution,
      insertions: counts.insertion,
      deletions: counts.deletion,
      matched: counts.match,
    },
    speakers: {
      agreement: counts.match === 0 ? null : round4((counts.match - mismatches) / counts.match),
      mismatches,
      participantsEqual: identity(a) === identity(b),
      byParticipant: [...participants.values()],
    },
    timing: {
      meanStartDeltaMs: counts.match === 0 ? null : Math.round(startDeltaSum / counts.match),
      maxStartDeltaMs: counts.match === 0 ? null : maxStart,
      maxEndDeltaMs: counts.match === 0 ? null : maxEnd,
    },
    duration: { aMs: a.durationMs, bMs: b.durationMs, differenceMs: durationDifference },
    topics: {
      a: { count: a.topics.length, timestampsMs: topicsA },
      b: { count: b.topics.length, timestampsMs: topicsB },
      sameTimestamps,
    },
    fields,
    differences: { shown: differences.slice(0, options.maxDifferences ?? 20), total: differences.length },
  };
}
