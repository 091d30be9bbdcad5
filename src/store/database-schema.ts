import type { ColumnType, Generated } from 'kysely';

/**
 * Booleans are `boolean` in PostgreSQL and 0/1 in SQLite; the store encodes and
 * decodes them through its dialect, so the row type admits both.
 */
type DbBoolean = ColumnType<unknown, boolean | number, boolean | number>;

/** JSON is written as JSON text; PostgreSQL hands `jsonb` back parsed, SQLite as text. */
type DbJson = ColumnType<unknown, string, string>;
type DbJsonOrNull = ColumnType<unknown, string | null, string | null>;

/** Timestamps are ISO-8601 UTC text in both dialects: exact round-trip, sorts lexically. */
type DbTimestamp = string;

export interface TranscriptsTable {
  id: string;
  status: string;
  workflow_id: string | null;
  duration_ms: number | null;
  title: string | null;
  short_summary: string | null;
  long_summary: string | null;
  action_items: DbJsonOrNull;
  audio_deleted: DbBoolean;
  error: string | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
}

export interface ParticipantsTable {
  transcript_id: string;
  speaker: number;
  participant_id: string;
  name: string;
  consent: DbBoolean;
}

export interface WordsTable {
  transcript_id: string;
  idx: number;
  text: string;
  start: number;
  end: number;
  speaker: number;
}

export interface TopicsTable {
  transcript_id: string;
  idx: number;
  id: string;
  title: string;
  summary: string;
  timestamp: number;
  duration: number;
}

export interface EventsTable {
  seq: Generated<number>;
  transcript_id: string;
  type: string;
  data: DbJson;
  dedupe_key: string;
  created_at: DbTimestamp;
}

export interface DeliveriesTable {
  transcript_id: string;
  channel: string;
  ref: string;
}

/** The tables of the store, as Kysely sees them. */
export interface StoreDatabase {
  transcripts: TranscriptsTable;
  participants: ParticipantsTable;
  words: WordsTable;
  topics: TopicsTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
}
