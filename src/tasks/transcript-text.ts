import { z } from 'zod';
import { SegmentSchema, type Segment } from '../domain/segment.js';
import type { TranscriptText } from '../llm/summarizer.js';
import { readJsonBlob } from './blob-json.js';
import type { TaskContext } from './task-context.js';

/** Segments plus speaker names, as the summarizer reads them. */
export async function loadTranscriptText(
  ctx: TaskContext,
  transcriptId: string,
  segmentsKey: string,
  range?: { from: number; to: number },
): Promise<TranscriptText> {
  const all: Segment[] = await readJsonBlob(ctx.blobs, segmentsKey, z.array(SegmentSchema));
  const participants = await ctx.store.listParticipants(transcriptId);
  const speakers: string[] = [];
  for (const p of participants) speakers[p.speaker] = p.name;
  return {
    segments: range ? all.slice(range.from, range.to) : all,
    speakers: speakers.map((name, i) => name ?? `Speaker ${i + 1}`),
  };
}
