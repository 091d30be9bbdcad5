import { z } from 'zod';
import { buildSegments } from '../domain/segmenter.js';
import { chunkSegments } from '../domain/topic-chunks.js';
import { WordSchema } from '../domain/word.js';
import { mergeWords } from '../domain/word-merge.js';
import { terminalFailure } from '../runtime/task-failure.js';
import { EventType } from '../store/transcript-store.js';
import { blobKeys } from './blob-keys.js';
import { readJsonBlob, writeJsonBlob } from './blob-json.js';
import { joinOutputsInOrder } from './join-output.js';
import { defineTask } from './task-definition.js';
import { transcribeTrack } from './transcribe-track.js';

/** The reference name of topic chunk `i`'s branch in the topic fan-out. */
export const topicBranchRef = (index: number) => `topic_${index}`;

/**
 * Merges every track's words onto one timeline, builds readable segments,
 * stores the words, and plans the per-chunk topic fan-out.
 */
export const mergeTranscripts = defineTask({
  name: 'merge_transcripts',
  description: 'Merge per-track words by time, build segments, store words, plan topic chunks',
  input: z.object({
    transcriptId: z.string().min(1),
    trackRefs: z.array(z.string()).min(1),
    /** The JOIN output of the track fan-out: branch ref -> track_pipeline output. */
    trackResults: z.record(z.string(), z.unknown()),
  }),
  output: z.object({
    wordsKey: z.string(),
    segmentsKey: z.string(),
    wordCount: z.number().int().positive(),
    segmentCount: z.number().int().positive(),
    durationMs: z.number().int().nonnegative(),
    topicRefs: z.array(z.string()).min(1),
    topicTasks: z.array(z.record(z.string(), z.unknown())).min(1),
    topicInputs: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
  async run({ transcriptId, trackRefs, trackResults }, ctx) {
    const tracks = joinOutputsInOrder(trackResults, trackRefs).map((raw, i) => {
      const parsed = transcribeTrack.output.safeParse(raw);
      if (!parsed.success) throw terminalFailure(`track ${trackRefs[i]}: its output is not a transcribe_track output`);
      return parsed.data;
    });
    const perTrack = await Promise.all(tracks.map((t) => readJsonBlob(ctx.blobs, t.wordsKey, z.array(WordSchema))));
    const words = mergeWords(perTrack);
    if (words.length === 0) {
      throw terminalFailure(`no speech was recognised in any of the ${tracks.length} tracks`);
    }
    const segments = buildSegments(words);
    const durationMs = Math.round(Math.max(...tracks.map((t) => t.durationSec)) * 1000);
    const wordsKey = blobKeys.words(transcriptId);
    const segmentsKey = blobKeys.segments(transcriptId);
    await writeJsonBlob(ctx.blobs, wordsKey, words);
    await writeJsonBlob(ctx.blobs, segmentsKey, segments);
    await ctx.store.replaceWords(transcriptId, words);
    await ctx.store.upsertTranscript(transcriptId, { durationMs });
    await ctx.store.appendEvent(transcriptId, EventType.DURATION, { durationMs }, 'duration');
    await ctx.store.appendEvent(transcriptId, EventType.TRANSCRIPT, { wordCount: words.length, segmentCount: segments.length }, 'transcript');

    const chunks = chunkSegments(segments);
    const topicRefs = chunks.map((_, i) => topicBranchRef(i));
    const topicTasks = topicRefs.map((ref) => ({ name: 'detect_topic', taskReferenceName: ref, type: 'SIMPLE' }));
    const topicInputs = Object.fromEntries(
      chunks.map((chunk, i) => [topicRefs[i]!, { transcriptId, segmentsKey, chunk: i, from: chunk.from, to: chunk.to }]),
    );
    return {
      wordsKey,
      segmentsKey,
      wordCount: words.length,
      segmentCount: segments.length,
      durationMs,
      topicRefs,
      topicTasks,
      topicInputs,
    };
  },
});
