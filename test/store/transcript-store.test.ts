import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ActionItems } from '../../src/domain/action-items.js';
import type { Participant } from '../../src/domain/participant.js';
import type { Topic } from '../../src/domain/topic.js';
import type { Word } from '../../src/domain/word.js';
import { migrationStatus, openStore } from '../../src/store/store-open.js';
import { EventType, type TranscriptStore } from '../../src/store/transcript-store.js';
import { storeBackends, type FreshDatabase } from './store-backends.js';

/** A clock the test moves by hand, so timestamps can be asserted exactly. */
function manualClock(startIso: string) {
  let now = Date.parse(startIso);
  return { now: () => now, set: (iso: string) => void (now = Date.parse(iso)) };
}

// Times that do not survive a float32 or a decimal(10,3) column: they prove doubles round-trip exactly.
const words: Word[] = [
  { text: 'Hello', start: 0.1 + 0.2, end: 0.7000000000000001, speaker: 0 },
  { text: 'wörld', start: 1e-7, end: 1234.5678901234567, speaker: 1 },
  { text: "it's", start: 10800.123456789, end: 10800.987654321, speaker: 2 },
];

const participants: Participant[] = [
  { id: 'p-bob', name: 'Bob', speaker: 1, consent: false },
  { id: 'p-alice', name: 'Alice Ångström', speaker: 0, consent: true },
];

const topics: Topic[] = [
  { id: 'topic-1', title: 'Budget', summary: 'We talked "money".', timestamp: 0, duration: 312.25 },
  { id: 'topic-2', title: 'Hiring', summary: '', timestamp: 312.25, duration: 0.1 + 0.2 },
];

const actionItems: ActionItems = {
  decisions: ['Ship on Friday', 'Use PostgreSQL 15 → 16 later'],
  nextSteps: [
    { task: 'Write the release note', assignee: 'Alice', deadline: 'by Friday' },
    { task: 'Nobody owns this yet', assignee: null, deadline: null },
  ],
};

for (const backend of storeBackends()) {
  describe(`TranscriptStore on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    if (backend.unavailable !== undefined) {
      const reason = backend.unavailable;
      it('has a database to run against', () => assert.fail(reason));
      return;
    }

    let db: FreshDatabase;
    let store: TranscriptStore;
    const clock = manualClock('2026-01-02T03:04:05.678Z');

    beforeEach(async () => {
      clock.set('2026-01-02T03:04:05.678Z');
      db = await backend.openFresh();
      store = await openStore(db.config, { clock });
    });
    afterEach(async () => {
      await store.close();
      await db.dispose();
    });

    it('creates a transcript with defaults and returns undefined for an unknown id', async () => {
      assert.equal(await store.getTranscript('nope'), undefined);
      await store.upsertTranscript('t1', {});
      assert.deepEqual(await store.getTranscript('t1'), {
        id: 't1',
        status: 'processing',
        workflowId: null,
        durationMs: null,
        title: null,
        shortSummary: null,
        longSummary: null,
        actionItems: null,
        audioDeleted: false,
        error: null,
        createdAt: '2026-01-02T03:04:05.678Z',
        updatedAt: '2026-01-02T03:04:05.678Z',
      });
    });

    it('round-trips every transcript field exactly', async () => {
      await store.upsertTranscript('t1', {
        status: 'ended',
        workflowId: 'wf-42',
        durationMs: 10_800_123.5,
        title: 'Quarterly “planning”',
        shortSummary: 'Short.',
        longSummary: 'Long\nwith lines.',
        actionItems,
        audioDeleted: true,
        error: null,
      });
      const got = await store.getTranscript('t1');
      assert.deepEqual(got, {
        id: 't1',
        status: 'ended',
        workflowId: 'wf-42',
        durationMs: 10_800_123.5,
        title: 'Quarterly “planning”',
        shortSummary: 'Short.',
        longSummary: 'Long\nwith lines.',
        actionItems,
        audioDeleted: true,
        error: null,
        createdAt: '2026-01-02T03:04:05.678Z',
        updatedAt: '2026-01-02T03:04:05.678Z',
      });
    });

    it('updates only the given fields and keeps the rest', async () => {
      await store.upsertTranscript('t1', { status: 'processing', workflowId: 'wf-1', title: 'First', actionItems });
      clock.set('2026-01-02T04:00:00.000Z');
      await store.upsertTranscript('t1', { status: 'error', error: 'ASR failed' });
      await store.upsertTranscript('t1', { title: null });
      const got = await store.getTranscript('t1');
      assert.equal(got?.status, 'error');
      assert.equal(got?.error, 'ASR failed');
      assert.equal(got?.workflowId, 'wf-1');
      assert.deepEqual(got?.actionItems, actionItems);
      assert.equal(got?.title, null, 'an explicit null clears the field');
      assert.equal(got?.createdAt, '2026-01-02T03:04:05.678Z');
      assert.equal(got?.updatedAt, '2026-01-02T04:00:00.000Z');
    });

    it('rejects malformed action items without touching the stored row', async () => {
      await store.upsertTranscript('t1', { title: 'Kept' });
      const bad = { decisions: 'not a list', nextSteps: [] } as unknown as ActionItems;
      await assert.rejects(store.upsertTranscript('t1', { actionItems: bad, title: 'Lost' }));
      assert.equal((await store.getTranscript('t1'))?.title, 'Kept');
    });

    it('round-trips participants ordered by speaker, and a re-run replaces them', async () => {
      await store.replaceParticipants('t1', participants);
      await store.replaceParticipants('t2', [{ id: 'p-x', name: 'X', speaker: 0, consent: true }]);
      assert.deepEqual(await store.listParticipants('t1'), [participants[1], participants[0]]);

      await store.replaceParticipants('t1', participants);
      assert.equal((await store.listParticipants('t1')).length, 2, 're-running does not duplicate');

      const renamed: Participant[] = [{ id: 'p-carol', name: 'Carol', speaker: 0, consent: false }];
      await store.replaceParticipants('t1', renamed);
      assert.deepEqual(await store.listParticipants('t1'), renamed);
      assert.deepEqual(await store.listParticipants('t2'), [{ id: 'p-x', name: 'X', speaker: 0, consent: true }]);
    });

    it('round-trips words with exact float times, and a re-run replaces them', async () => {
      await store.replaceWords('t1', words);
      await store.replaceWords('t2', words.slice(0, 1));
      assert.deepEqual(await store.listWords('t1'), words);

      await store.replaceWords('t1', words);
      assert.deepEqual(await store.listWords('t1'), words, 're-running does not duplicate');

      await store.replaceWords('t1', words.slice(1));
      assert.deepEqual(await store.listWords('t1'), words.slice(1));
      await store.replaceWords('t1', []);
      assert.deepEqual(await store.listWords('t1'), []);
      assert.deepEqual(await store.listWords('t2'), words.slice(0, 1), 'other transcripts are untouched');
    });

    it('keeps the old words when a replacement fails part-way', async () => {
      await store.replaceWords('t1', words);
      // A NOT NULL violation in the second batch: the first batch must be rolled back with it.
      const broken = Array.from({ length: 1500 }, (_, i): Word => ({ text: `w${i}`, start: i, end: i + 0.5, speaker: 0 }));
      broken[1400] = { ...broken[1400]!, text: null as unknown as string };
      await assert.rejects(store.replaceWords('t1', broken));
      assert.deepEqual(await store.listWords('t1'), words);
    });

    it('ends with one whole set when re-runs replace the same words concurrently', async () => {
      const sets = Array.from({ length: 6 }, (_, run) =>
        Array.from({ length: 200 + run }, (_, i): Word => ({ text: `run${run}-${i}`, start: i, end: i + 0.5, speaker: run })),
      );
      await Promise.all(sets.map((set) => store.replaceWords('t1', set)));
      const got = await store.listWords('t1');
      // Each run's set has its own length, so the length says which run won; the rest must be exactly it.
      const winner = sets.find((set) => set.length === got.length);
      assert.ok(winner !== undefined, `${got.length} words is no run's whole set`);
      assert.deepEqual(got, winner);
    });

    it('stores 30k words in one replace and reads them back in order', async (t) => {
      const many = Array.from({ length: 30_000 }, (_, i): Word => ({
        text: `word${i}`,
        start: i * 0.37,
        end: i * 0.37 + 0.25,
        speaker: i % 7,
      }));
      const began = performance.now();
      await store.replaceWords('long', many);
      const wrote = performance.now();
      const got = await store.listWords('long');
      t.diagnostic(
        `${backend.name}: 30k words written in ${Math.round(wrote - began)} ms, read in ${Math.round(performance.now() - wrote)} ms`,
      );
      assert.equal(got.length, many.length);
      assert.deepEqual(got, many);
    });

    it('round-trips topics in order, and a re-run replaces them', async () => {
      await store.replaceTopics('t1', topics);
      assert.deepEqual(await store.listTopics('t1'), topics);
      await store.replaceTopics('t1', topics);
      assert.deepEqual(await store.listTopics('t1'), topics, 're-running does not duplicate');
      const reversed = [...topics].reverse();
      await store.replaceTopics('t1', reversed);
      assert.deepEqual(await store.listTopics('t1'), reversed, 'order is the order given, not by id or time');
    });

    it('stores an event once per dedupe key and keeps append order', async () => {
      clock.set('2026-01-02T05:00:00.000Z');
      await store.appendEvent('t1', EventType.STATUS, { value: 'processing' }, 'status:processing');
      await store.appendEvent('t1', EventType.TRANSCRIPT, { text: 'hi', words: [1, 2.5] }, 'transcript');
      await store.appendEvent('t1', EventType.STATUS, { value: 'changed on re-run' }, 'status:processing');
      await store.appendEvent('t1', EventType.FINAL_TITLE, 'A plain string', 'title');
      await store.appendEvent('t1', EventType.DURATION, 3600.5, 'duration');
      await store.appendEvent('t1', EventType.WAVEFORM, null, 'waveform');
      await store.appendEvent('t2', EventType.STATUS, { value: 'other' }, 'status:processing');

      const events = await store.listEvents('t1');
      assert.deepEqual(
        events.map(({ type, data, createdAt }) => ({ type, data, createdAt })),
        [
          { type: 'STATUS', data: { value: 'processing' }, createdAt: '2026-01-02T05:00:00.000Z' },
          { type: 'TRANSCRIPT', data: { text: 'hi', words: [1, 2.5] }, createdAt: '2026-01-02T05:00:00.000Z' },
          { type: 'FINAL_TITLE', data: 'A plain string', createdAt: '2026-01-02T05:00:00.000Z' },
          { type: 'DURATION', data: 3600.5, createdAt: '2026-01-02T05:00:00.000Z' },
          { type: 'WAVEFORM', data: null, createdAt: '2026-01-02T05:00:00.000Z' },
        ],
      );
      const seqs = events.map((e) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'seq increases in append order');
      assert.equal(new Set(seqs).size, seqs.length);
      assert.deepEqual(
        (await store.listEvents('t2')).map((e) => e.data),
        [{ value: 'other' }],
        'the same dedupe key in another transcript is a different event',
      );
    });

    it('sets, overwrites and reads delivery refs per transcript and channel', async () => {
      assert.equal(await store.getDelivery('t1', 'zulip'), undefined);
      await store.setDelivery('t1', 'zulip', 'msg-1');
      await store.setDelivery('t1', 'webhook', 'req-9');
      await store.setDelivery('t2', 'zulip', 'msg-2');
      await store.setDelivery('t1', 'zulip', 'msg-3');
      assert.equal(await store.getDelivery('t1', 'zulip'), 'msg-3');
      assert.equal(await store.getDelivery('t1', 'webhook'), 'req-9');
      assert.equal(await store.getDelivery('t2', 'zulip'), 'msg-2');
      assert.equal(await store.getDelivery('t2', 'webhook'), undefined);
    });

    it('opens an already migrated database again without losing data', async () => {
      await store.upsertTranscript('t1', { title: 'Survives' });
      await store.replaceWords('t1', words);
      await store.close();
      store = await openStore(db.config, { clock });
      const second = await openStore(db.config, { clock });
      await second.close();
      assert.equal((await store.getTranscript('t1'))?.title, 'Survives');
      assert.deepEqual(await store.listWords('t1'), words);
      const states = await migrationStatus(db.config);
      assert.ok(states.length > 0);
      for (const state of states) {
        assert.equal(state.status, 'Executed', state.name);
        assert.match(state.executedAt ?? '', /^\d{4}-\d\d-\d\dT/);
      }
    });

    it('reports every migration as pending on a database never opened', async () => {
      const untouched = await backend.openFresh();
      try {
        const states = await migrationStatus(untouched.config);
        assert.ok(states.length > 0);
        assert.deepEqual(
          states.map((s) => [s.status, s.executedAt]),
          states.map(() => ['Pending', null]),
        );
      } finally {
        await untouched.dispose();
      }
    });
  });
}
