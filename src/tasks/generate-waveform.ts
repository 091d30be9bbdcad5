import { z } from 'zod';
import { computeWaveform } from '../audio/index.js';
import { EventType } from '../store/transcript-store.js';
import { blobKeys } from './blob-keys.js';
import { writeJsonBlob } from './blob-json.js';
import { defineTask } from './task-definition.js';

export const WAVEFORM_PEAKS = 255;

/** 255 normalised peaks of the mixdown, for drawing the meeting's waveform. */
export const generateWaveform = defineTask({
  name: 'generate_waveform',
  description: 'Waveform peaks of the mixdown',
  input: z.object({ transcriptId: z.string().min(1), mixdownKey: z.string().min(1) }),
  output: z.object({ waveformKey: z.string(), peaks: z.number().int().positive() }),
  async run({ transcriptId, mixdownKey }, ctx) {
    const path = await ctx.blobs.getFile(mixdownKey, ctx.scratchDir);
    const peaks = await computeWaveform(path, { peaks: WAVEFORM_PEAKS }, ctx.signal);
    const waveformKey = blobKeys.waveform(transcriptId);
    await writeJsonBlob(ctx.blobs, waveformKey, peaks);
    await ctx.store.appendEvent(transcriptId, EventType.WAVEFORM, { waveformKey, peaks: peaks.length }, 'waveform');
    return { waveformKey, peaks: peaks.length };
  },
});
