import { join } from 'node:path';
import { z } from 'zod';
import { alignTrack as alignAudio, detectSpeechRegions } from '../audio/index.js';
import { blobKeys } from './blob-keys.js';
import { writeJsonBlob } from './blob-json.js';
import { ProbedTrackSchema } from './get-recording.js';
import { defineTask } from './task-definition.js';

/** Puts one track on the meeting timeline and finds where it holds speech. */
export const alignTrack = defineTask({
  name: 'align_track',
  description: 'Align a track to meeting time (16 kHz mono WAV) and detect its speech regions',
  input: z.object({ transcriptId: z.string().min(1), track: ProbedTrackSchema }),
  output: z.object({
    trackIndex: z.number().int().nonnegative(),
    speaker: z.number().int().nonnegative(),
    alignedKey: z.string(),
    regionsKey: z.string(),
    durationSec: z.number().nonnegative(),
    regionCount: z.number().int().nonnegative(),
    speechSec: z.number().nonnegative(),
  }),
  async run({ transcriptId, track }, ctx) {
    const alignedPath = join(ctx.scratchDir, 'aligned.wav');
    const aligned = await alignAudio({ inputPath: track.path, offsetMs: track.offsetMs, outputPath: alignedPath, signal: ctx.signal });
    const regions = await detectSpeechRegions(alignedPath, {}, ctx.signal);
    const alignedKey = blobKeys.alignedTrack(transcriptId, track.index);
    const regionsKey = blobKeys.speechRegions(transcriptId, track.index);
    await ctx.blobs.putFile(alignedKey, alignedPath);
    await writeJsonBlob(ctx.blobs, regionsKey, regions);
    const speechSec = regions.reduce((sum, r) => sum + (r.end - r.start), 0);
    ctx.log.info('track aligned', { file: track.file, regions: regions.length, speechSec: Math.round(speechSec) });
    return {
      trackIndex: track.index,
      speaker: track.speaker,
      alignedKey,
      regionsKey,
      durationSec: aligned.durationSec,
      regionCount: regions.length,
      speechSec,
    };
  },
});
