import type { ActionItems } from '../domain/action-items.js';
import type { Participant } from '../domain/participant.js';
import type { Topic } from '../domain/topic.js';
import type { Word } from '../domain/word.js';

export const TranscriptStatus = {
  processing: 'processing',
  ended: 'ended',
  error: 'error',
} as const;
export type TranscriptStatus = (typeof TranscriptStatus)[keyof typeof TranscriptStatus];

export const EventType = {
  STATUS: 'STATUS',
  DURATION: 'DURATION',
  TRANSCRIPT: 'TRANSCRIPT',
  TOPIC: 'TOPIC',
  WAVEFORM: 'WAVEFORM',
  FINAL_TITLE: 'FINAL_TITLE',
  FINAL_SHORT_SUMMARY: 'FINAL_SHORT_SUMMARY',
  FINAL_LONG_SUMMARY: 'FINAL_LONG_SUMMARY',
  ACTION_ITEMS: 'ACTION_ITEMS',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** The scalar fields of a transcript row; absent fields are left as stored. */
export interface TranscriptFields {
  status?: TranscriptStatus;
  workflowId?: string | null;
  durationMs?: number | null;
  title?: string | null;
  shortSummary?: string | null;
  longSummary?: string | null;
  actionItems?: ActionItems | null;
  audioDeleted?: boolean;
  error?: string | null;
}

export interface TranscriptRecord {
  id: string;
  status: TranscriptStatus;
  workflowId: string | null;
  durationMs: number | null;
  title: string | null;
  shortSummary: string | null;
  longSummary: string | null;
  actionItems: ActionItems | null;
  audioDeleted: boolean;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TranscriptEvent {
  seq: number;
  type: EventType;
  data: unknown;
  createdAt: string;
}

/**
 * The data layer over SQLite or PostgreSQL. Every write is idempotent so that a
 * re-run task (delivery is at least once) overwrites its own output instead of
 * duplicating rows: `replace*` swaps a whole set in one transaction, and
 * `appendEvent` ignores a second event with the same `dedupeKey`.
 */
export interface TranscriptStore {
  upsertTranscript(id: string, fields: TranscriptFields): Promise<void>;
  getTranscript(id: string): Promise<TranscriptRecord | undefined>;
  replaceParticipants(transcriptId: string, participants: readonly Participant[]): Promise<void>;
  listParticipants(transcriptId: string): Promise<Participant[]>;
  replaceWords(transcriptId: string, words: readonly Word[]): Promise<void>;
  listWords(transcriptId: string): Promise<Word[]>;
  replaceTopics(transcriptId: string, topics: readonly Topic[]): Promise<void>;
  listTopics(transcriptId: string): Promise<Topic[]>;
  appendEvent(transcriptId: string, type: EventType, data: unknown, dedupeKey: string): Promise<void>;
  listEvents(transcriptId: string): Promise<TranscriptEvent[]>;
  /** Delivery bookkeeping, e.g. the Zulip message id to edit on a re-run. */
  getDelivery(transcriptId: string, channel: string): Promise<string | undefined>;
  setDelivery(transcriptId: string, channel: string, ref: string): Promise<void>;
  close(): Promise<void>;
}
