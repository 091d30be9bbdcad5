import type { Selectable } from 'kysely';
import { z } from 'zod';
import { ActionItemsSchema } from '../domain/action-items.js';
import type { Participant } from '../domain/participant.js';
import type { Topic } from '../domain/topic.js';
import type { Word } from '../domain/word.js';
import type { EventsTable, ParticipantsTable, TopicsTable, TranscriptsTable, WordsTable } from './database-schema.js';
import type { StoreDialect } from './store-dialect.js';
import { EventType, TranscriptStatus, type TranscriptEvent, type TranscriptRecord } from './transcript-store.js';

const StatusSchema = z.enum(TranscriptStatus);
const EventTypeSchema = z.enum(EventType);

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
