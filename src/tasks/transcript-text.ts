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
  // Dense by index: a speaker with no participant row still gets a name.
  const count = Math.max(0, ...participants.map((p) => p.speaker + 1), ...all.map((s) => s.speaker + 1));
  const speakers = Array.from({ length: count }, (_, i) => participants.find((p) => p.speaker === i)?.name ?? `Speaker ${i + 1}`);
  return { segments: range ? all.slice(range.from, range.to) : all, speakers };
}
