import type { Insertable, Kysely } from 'kysely';
import type { Participant } from '../domain/participant.js';
import type { Topic } from '../domain/topic.js';
import type { Word } from '../domain/word.js';
import type { Clock } from '../runtime/clock.js';
import type { StoreDatabase, TranscriptsTable } from './database-schema.js';
import type { StoreDialect } from './store-dialect.js';
import type {
  EventType,
  TranscriptEvent,
  TranscriptFields,
  TranscriptRecord,
  TranscriptStore,
} from './transcript-store.js';
import {
  toParticipant,
  toTopic,
  toTranscriptChanges,
  toTranscriptEvent,
  toTranscriptRecord,
  toWord,
} from './transcript-rows.js';

/**
 * Rows per INSERT statement. 1000 words × 6 columns stays far below both
 * SQLite's 32766 and PostgreSQL's 65535 bound parameters, and 30k words still
 * take only 30 statements inside the one transaction.
 */
const INSERT_BATCH_ROWS = 1000;

/** TranscriptStore over any Kysely database that has run the store migrations. */
export class KyselyTranscriptStore implements TranscriptStore {
  readonly #db: Kysely<StoreDatabase>;
  readonly #dialect: StoreDialect;
  readonly #clock: Clock;

  constructor(db: Kysely<StoreDatabase>, dialect: StoreDialect, clock: Clock) {
    this.#db = db;
    this.#dialect = dialect;
    this.#clock = clock;
  }

  async upsertTranscript(id: string, fields: TranscriptFields): Promise<void> {
    const now = this.#now();
    const changes = toTranscriptChanges(fields, this.#dialect);
    const created: Insertable<TranscriptsTable> = {
      id,
      status: 'processing',
      audio_deleted: this.#dialect.encodeBoolean(false),
      created_at: now,
      updated_at: now,
      ...changes,
    };
    await this.#db
      .insertInto('transcripts')
      .values(created)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, updated_at: now }))
      .execute();
  }

  async getTranscript(id: string): Promise<TranscriptRecord | undefined> {
    const row = await this.#db.selectFrom('transcripts').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toTranscriptRecord(row, this.#dialect);
  }

  async replaceParticipants(transcriptId: string, participants: readonly Participant[]): Promise<void> {
    const rows = participants.map((p) => ({
      transcript_id: transcriptId,
      speaker: p.speaker,
      participant_id: p.id,
      name: p.name,
      consent: this.#dialect.encodeBoolean(p.consent),
    }));
    await this.#db.transaction().execute(async (trx) => {
      await this.#dialect.lockSet(trx, `participants:${transcriptId}`);
      await trx.deleteFrom('participants').where('transcript_id', '=', transcriptId).execute();
      for (const batch of batches(rows)) await trx.insertInto('participants').values(batch).execute();
    });
  }

  async listParticipants(transcriptId: string): Promise<Participant[]> {
    const rows = await this.#db
      .selectFrom('participants')
      .selectAll()
      .where('transcript_id', '=', transcriptId)
      .orderBy('speaker')
      .execute();
    return rows.map((row) => toParticipant(row, this.#dialect));
  }

  async replaceWords(transcriptId: string, words: readonly Word[]): Promise<void> {
    const rows = words.map((w, idx) => ({
      transcript_id: transcriptId,
      idx,
      text: w.text,
      start: w.start,
      end: w.end,
      speaker: w.speaker,
    }));
    await this.#db.transaction().execute(async (trx) => {
      await this.#dialect.lockSet(trx, `words:${transcriptId}`);
      await trx.deleteFrom('words').where('transcript_id', '=', transcriptId).execute();
      for (const batch of batches(rows)) await trx.insertInto('words').values(batch).execute();
    });
  }

  async listWords(transcriptId: string): Promise<Word[]> {
    const rows = await this.#db
      .selectFrom('words')
      .select(['text', 'start', 'end', 'speaker'])
      .where('transcript_id', '=', transcriptId)
      .orderBy('idx')
      .execute();
    return rows.map(toWord);
  }

  async replaceTopics(transcriptId: string, topics: readonly Topic[]): Promise<void> {
    const rows = topics.map((t, idx) => ({
      transcript_id: transcriptId,
      idx,
      id: t.id,
      title: t.title,
      summary: t.summary,
      timestamp: t.timestamp,
      duration: t.duration,
    }));
    await this.#db.transaction().execute(async (trx) => {
      await this.#dialect.lockSet(trx, `topics:${transcriptId}`);
      await trx.deleteFrom('topics').where('transcript_id', '=', transcriptId).execute();
      for (const batch of batches(rows)) await trx.insertInto('topics').values(batch).execute();
    });
  }

  async listTopics(transcriptId: string): Promise<Topic[]> {
    const rows = await this.#db
      .selectFrom('topics')
      .selectAll()
      .where('transcript_id', '=', transcriptId)
      .orderBy('idx')
      .execute();
    return rows.map(toTopic);
  }

  async appendEvent(transcriptId: string, type: EventType, data: unknown, dedupeKey: string): Promise<void> {
    await this.#db
      .insertInto('events')
      .values({
        transcript_id: transcriptId,
        type,
        // JSON has no `undefined`; an event without data stores null.
        data: JSON.stringify(data ?? null),
        dedupe_key: dedupeKey,
        created_at: this.#now(),
      })
      .onConflict((oc) => oc.columns(['transcript_id', 'dedupe_key']).doNothing())
      .execute();
  }

  async listEvents(transcriptId: string): Promise<TranscriptEvent[]> {
    const rows = await this.#db
      .selectFrom('events')
      .selectAll()
      .where('transcript_id', '=', transcriptId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => toTranscriptEvent(row, this.#dialect));
  }

  async getDelivery(transcriptId: string, channel: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('deliveries')
      .select('ref')
      .where('transcript_id', '=', transcriptId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    return row?.ref;
  }

  async setDelivery(transcriptId: string, channel: string, ref: string): Promise<void> {
    await this.#db
      .insertInto('deliveries')
      .values({ transcript_id: transcriptId, channel, ref })
      .onConflict((oc) => oc.columns(['transcript_id', 'channel']).doUpdateSet({ ref }))
      .execute();
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH_ROWS) yield rows.slice(i, i + INSERT_BATCH_ROWS);
}
