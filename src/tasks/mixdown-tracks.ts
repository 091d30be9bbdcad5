import { join } from 'node:path';
import { z } from 'zod';
import { mixdown, probeAudio } from '../audio/index.js';
import { blobKeys } from './blob-keys.js';
import { defineTask } from './task-definition.js';

/** Mixes every aligned track into one MP3 of the whole meeting. */
export const mixdownTracks = defineTask({
  name: 'mixdown_tracks',
  description: 'Mix the aligned tracks into audio.mp3',
  input: z.object({ transcriptId: z.string().min(1), trackCount: z.number().int().positive() }),
  output: z.object({ mixdownKey: z.string(), durationSec: z.number().positive() }),
  async run({ transcriptId, trackCount }, ctx) {
    const inputs: string[] = [];
    for (let i = 0; i < trackCount; i++) {
      inputs.push(await ctx.blobs.getFile(blobKeys.alignedTrack(transcriptId, i), ctx.scratchDir));
    }
    const outputPath = join(ctx.scratchDir, 'audio.mp3');
    await mixdown({ inputs, outputPath, signal: ctx.signal });
    const { durationSec } = await probeAudio(outputPath, ctx.signal);
    const mixdownKey = blobKeys.mixdown(transcriptId);
    await ctx.blobs.putFile(mixdownKey, outputPath);
    return { mixdownKey, durationSec };
  },
});
