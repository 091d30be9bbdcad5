import { z } from 'zod';

/** `recording.json`: the manifest layout of a recording directory. */
export const RecordingManifestSchema = z.object({
  tracks: z
    .array(
      z.object({
        path: z.string().min(1),
        participant: z.object({
          id: z.string().min(1),
          name: z.string().min(1),
          /** false: keep no audio of this meeting after processing. */
          consent: z.boolean().optional(),
        }),
        /** Start on the meeting timeline; when absent, the container's start time. */
        offsetMs: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1, 'a recording needs at least one track'),
});
export type RecordingManifest = z.infer<typeof RecordingManifestSchema>;
