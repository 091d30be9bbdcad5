import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { concatSpeechRegions } from '../audio/index.js';
import { SpeechRegionSchema, type SpeechRegion } from '../domain/speech-region.js';
import { batchRegions, toTrackTime } from '../domain/speech-timeline.js';
import type { Word } from '../domain/word.js';
import { blobKeys } from './blob-keys.js';
import { readJsonBlob, writeJsonBlob } from './blob-json.js';
import { mapConcurrently } from './map-concurrently.js';
import { defineTask } from './task-definition.js';

/** Silence between regions laid end to end: enough for the recogniser to end an utterance. */
const GAP_SEC = 0.5;
/**
 * Speech per recogniser call. Small enough that batches from several tracks
 * spread evenly over the cores; large enough that loading the model (~0.3 s
 * for pocketsphinx) stays a few percent of the work.
 */
const MAX_BATCH_SPEECH_SEC = 60;
const MIN_BATCH_SPEECH_SEC = 15;

/**
 * Batch size for one track: at most 60 s, and small enough that even a short
 * track gives every recogniser slot a batch, so the last track to finish is
 * not recognised on one core while the others idle.
 */
function batchSeconds(speechSec: number, slots: number): number {
  return Math.min(MAX_BATCH_SPEECH_SEC, Math.max(MIN_BATCH_SPEECH_SEC, speechSec / Math.max(1, slots)));
}

/**
 * Recognises only the speech regions of an aligned track. The regions are laid
 * end to end in one file per batch, so the recogniser loads its model once per
 * batch rather than once per region (measured: per-region runs were slower
 * than recognising the whole track). The aligned track is on meeting time, so
 * a word's meeting time is its region's start plus its offset in the region.
 */
export const transcribeTrack = defineTask({
  name: 'transcribe_track',
  description: 'Recognise the speech regions of one aligned track; words on meeting time',
  input: z.object({
    transcriptId: z.string().min(1),
    trackIndex: z.number().int().nonnegative(),
    speaker: z.number().int().nonnegative(),
    alignedKey: z.string().min(1),
    regionsKey: z.string().min(1),
    durationSec: z.number().nonnegative(),
  }),
  output: z.object({
    trackIndex: z.number().int().nonnegative(),
    speaker: z.number().int().nonnegative(),
    wordsKey: z.string(),
    wordCount: z.number().int().nonnegative(),
    speechSec: z.number().nonnegative(),
    durationSec: z.number().nonnegative(),
    recognizer: z.string(),
  }),
  async run(input, ctx) {
    const regions = await readJsonBlob(ctx.blobs, input.regionsKey, z.array(SpeechRegionSchema));
    const wavPath = await ctx.blobs.getFile(input.alignedKey, ctx.scratchDir);
    const recognise = async (batch: SpeechRegion[], i: number): Promise<Word[]> => {
      const outputPath = join(ctx.scratchDir, `speech-${i}.wav`);
      const pieces = await concatSpeechRegions({ wavPath, regions: batch, gapSec: GAP_SEC, outputPath, signal: ctx.signal });
      const recognised = await ctx.transcriber.transcribe(outputPath, { signal: ctx.signal });
      await rm(outputPath, { force: true });
      return recognised.map((w) => {
        const start = toTrackTime(pieces, w.start);
        return { text: w.text, start, end: Math.max(start, toTrackTime(pieces, w.end)), speaker: input.speaker };
      });
    };
    // As many batches in flight as the recogniser takes at once; the shared pool does the rest.
    const slots = ctx.transcriber.capabilities.maxConcurrency;
    const speechSec = regions.reduce((sum, r) => sum + (r.end - r.start), 0);
    const batches = batchRegions(regions, batchSeconds(speechSec, slots));
    const words = (await mapConcurrently(batches, slots, recognise)).flat();
    const wordsKey = blobKeys.trackWords(input.transcriptId, input.trackIndex);
    await writeJsonBlob(ctx.blobs, wordsKey, words);
    return {
      trackIndex: input.trackIndex,
      speaker: input.speaker,
      wordsKey,
      wordCount: words.length,
      speechSec,
      durationSec: input.durationSec,
      recognizer: ctx.transcriber.name,
    };
  },
});
