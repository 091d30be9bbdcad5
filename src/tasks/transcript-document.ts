import { z } from 'zod';
import { SegmentSchema } from '../domain/segment.js';
import { TranscriptSchema, type Transcript } from '../domain/transcript.js';
import { WordSchema } from '../domain/word.js';
import type { TranscriptStore } from '../store/transcript-store.js';
import type { BlobStore } from '../store/blob-store.js';
import { blobKeys } from './blob-keys.js';
import { readJsonBlob } from './blob-json.js';

/** Builds `transcript.json` from what the pipeline stored: the database plus the word and segment blobs. */
export async function buildTranscriptDocument(
  store: TranscriptStore,
  blobs: BlobStore,
  transcriptId: string,
): Promise<Transcript> {
  const record = await store.getTranscript(transcriptId);
  if (!record) throw new Error(`transcript ${transcriptId} is not in the database`);
  const [participants, topics, words, segments] = await Promise.all([
    store.listParticipants(transcriptId),
    store.listTopics(transcriptId),
    readJsonBlob(blobs, blobKeys.words(transcriptId), z.array(WordSchema)),
    readJsonBlob(blobs, blobKeys.segments(transcriptId), z.array(SegmentSchema)),
  ]);
  return TranscriptSchema.parse({
    id: transcriptId,
    status: record.status === 'error' ? 'error' : 'ended',
    durationMs: record.durationMs ?? 0,
    title: record.title ?? '',
    shortSummary: record.shortSummary ?? '',
    longSummary: record.longSummary ?? '',
    participants: participants.map(({ id, name, speaker }) => ({ id, name, speaker })),
    words,
    segments,
    topics,
    actionItems: record.actionItems ?? { decisions: [], nextSteps: [] },
    audioDeleted: record.audioDeleted,
  });
}

/** Reads the finished `transcript.json` blob. */
export function readTranscriptDocument(blobs: BlobStore, transcriptId: string): Promise<Transcript> {
  return readJsonBlob(blobs, blobKeys.transcript(transcriptId), TranscriptSchema);
}
