import { z } from 'zod';
import { blobKeys } from './blob-keys.js';
import { writeJsonBlob } from './blob-json.js';
import { defineTask } from './task-definition.js';
import { readTranscriptDocument } from './transcript-document.js';

/**
 * When any participant did not consent to keeping audio, deletes the aligned
 * tracks and the mixdown and records `audioDeleted` on the transcript. The
 * text stays: consent here is about the recording.
 */
export const cleanupConsent = defineTask({
  name: 'cleanup_consent',
  description: 'Delete the audio when a participant did not consent',
  input: z.object({ transcriptId: z.string().min(1), trackCount: z.number().int().positive() }),
  output: z.object({ audioDeleted: z.boolean(), refusedBy: z.array(z.string()) }),
  async run({ transcriptId, trackCount }, ctx) {
    const refusedBy = (await ctx.store.listParticipants(transcriptId)).filter((p) => !p.consent).map((p) => p.name);
    if (refusedBy.length === 0) return { audioDeleted: false, refusedBy };
    for (let i = 0; i < trackCount; i++) await ctx.blobs.delete(blobKeys.alignedTrack(transcriptId, i));
    await ctx.blobs.delete(blobKeys.mixdown(transcriptId));
    await ctx.store.upsertTranscript(transcriptId, { audioDeleted: true });
    const document = await readTranscriptDocument(ctx.blobs, transcriptId);
    await writeJsonBlob(ctx.blobs, blobKeys.transcript(transcriptId), { ...document, audioDeleted: true });
    ctx.log.info('audio deleted: consent refused', { refusedBy });
    return { audioDeleted: true, refusedBy };
  },
});
