import { z } from 'zod';
import { ParticipantSchema } from '../domain/participant.js';

/** A track as found in a recording directory, before its audio is probed. */
export const SourceTrackSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Absolute path of the audio file. */
  path: z.string().min(1),
  /** The name to show in messages (relative to the recording directory). */
  file: z.string().min(1),
  participantId: z.string().min(1),
  /** Undefined when the offset must come from the container's start time. */
  offsetMs: z.number().int().nonnegative().optional(),
});
export type SourceTrack = z.infer<typeof SourceTrackSchema>;

/** What a recording directory holds: tracks and the participants they belong to. */
export const RecordingSchema = z.object({
  layout: z.enum(['manifest', 'daily']),
  directory: z.string().min(1),
  tracks: z.array(SourceTrackSchema).min(1),
  participants: z.array(ParticipantSchema).min(1),
});
export type Recording = z.infer<typeof RecordingSchema>;
