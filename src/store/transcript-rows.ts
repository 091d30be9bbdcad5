import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import { ActionItemsSchema } from '../domain/action-items.js';
import type { Participant } from '../domain/participant.js';
import type { Topic } from '../domain/topic.js';
import type { Word } from '../domain/word.js';
import type { EventsTable, ParticipantsTable, TopicsTable, TranscriptsTable, WordsTable } from './database-schema.js';
import type { StoreDialect } from './store-dialect.js';
import {
  EventType,
  TranscriptStatus,
  type TranscriptEvent,
  type TranscriptFields,
  type TranscriptRecord,
} from './transcript-store.js';

const StatusSchema = z.enum(TranscriptStatus);
const EventTypeSchema = z.enum(EventType);

/** Columns a transcript update may set; `Partial` keeps absent keys absent (never undefined). */
export type TranscriptChanges = Partial<Omit<Insertable<TranscriptsTable>, 'id' | 'created_at'>>;

// Rows are rebuilt field by field: the row shape is the database's, the record's is the domain's.

/** A transcripts row as a TranscriptRecord; JSON and enum columns are validated. */
export function toTranscriptRecord(row: Selectable<TranscriptsTable>, dialect: StoreDialect): TranscriptRecord {
  return {
    id: row.id,
    status: StatusSchema.parse(row.status),
    workflowId: row.workflow_id,
    durationMs: row.duration_ms,
    title: row.title,
    shortSummary: row.short_summary,
    longSummary: row.long_summary,
    actionItems: row.action_items === null ? null : ActionItemsSchema.parse(dialect.decodeJson(row.action_items)),
    audioDeleted: dialect.decodeBoolean(row.audio_deleted),
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A participants row as a Participant. */
export function toParticipant(row: Selectable<ParticipantsTable>, dialect: StoreDialect): Participant {
  return { id: row.participant_id, name: row.name, speaker: row.speaker, consent: dialect.decodeBoolean(row.consent) };
}

/** A words row as a Word. */
export function toWord(row: Pick<Selectable<WordsTable>, 'text' | 'start' | 'end' | 'speaker'>): Word {
  return { text: row.text, start: row.start, end: row.end, speaker: row.speaker };
}

/** A topics row as a Topic. */
export function toTopic(row: Selectable<TopicsTable>): Topic {
  return { id: row.id, title: row.title, summary: row.summary, timestamp: row.timestamp, duration: row.duration };
}

/** An events row as a TranscriptEvent; `data` is whatever JSON value was appended. */
export function toTranscriptEvent(row: Selectable<EventsTable>, dialect: StoreDialect): TranscriptEvent {
  return {
    seq: row.seq,
    type: EventTypeSchema.parse(row.type),
    data: dialect.decodeJson(row.data),
    createdAt: row.created_at,
  };
}

/** Only the fields present in `fields`, as column values; absent means "leave as stored". */
export function toTranscriptChanges(fields: TranscriptFields, dialect: StoreDialect): TranscriptChanges {
  const out: TranscriptChanges = {};
  if (fields.status !== undefined) out.status = fields.status;
  if (fields.workflowId !== undefined) out.workflow_id = fields.workflowId;
  if (fields.durationMs !== undefined) out.duration_ms = fields.durationMs;
  if (fields.title !== undefined) out.title = fields.title;
  if (fields.shortSummary !== undefined) out.short_summary = fields.shortSummary;
  if (fields.longSummary !== undefined) out.long_summary = fields.longSummary;
  if (fields.actionItems !== undefined) {
    // Validated on the way in too, so a bad value fails the writer rather than every later reader.
    out.action_items = fields.actionItems === null ? null : JSON.stringify(ActionItemsSchema.parse(fields.actionItems));
  }
  if (fields.audioDeleted !== undefined) out.audio_deleted = dialect.encodeBoolean(fields.audioDeleted);
  if (fields.error !== undefined) out.error = fields.error;
  return out;
}
