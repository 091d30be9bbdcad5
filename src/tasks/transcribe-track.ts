import { join } from 'node:path';
import { z } from 'zod';
import { extractClip } from '../audio/index.js';
import { SpeechRegionSchema } from '../domain/speech-region.js';
import type { Word } from '../domain/word.js';
import { blobKeys } from './blob-keys.js';
import { readJsonBlob, writeJsonBlob } from './blob-json.js';
import { defineTask } from './task-definition.js';

/**
 * Recognises only the speech regions of an aligned track. The aligned track is
 * on meeting time, so a word's meeting time is its region's start plus its
 * time within the clip, exactly.
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
    const words: Word[] = [];
    for (const [i, region] of regions.entries()) {
      const clip = await extractClip({ wavPath, region, outputPath: join(ctx.scratchDir, `clip-${i}.wav`), signal: ctx.signal });
      for (const w of await ctx.transcriber.transcribe(clip.outputPath, { signal: ctx.signal })) {
        words.push({ text: w.text, start: clip.startSec + w.start, end: clip.startSec + w.end, speaker: input.speaker });
      }
    }
    const wordsKey = blobKeys.trackWords(input.transcriptId, input.trackIndex);
    await writeJsonBlob(ctx.blobs, wordsKey, words);
    return {
      trackIndex: input.trackIndex,
      speaker: input.speaker,
      wordsKey,
      wordCount: words.length,
      speechSec: regions.reduce((sum, r) => sum + (r.end - r.start), 0),
      durationSec: input.durationSec,
      recognizer: ctx.transcriber.name,
    };
  },
});
