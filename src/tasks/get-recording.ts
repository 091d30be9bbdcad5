import { z } from 'zod';
import { probeAudio } from '../audio/index.js';
import { ParticipantSchema } from '../domain/participant.js';
import { loadRecording } from '../recording/recording-loader.js';
import { terminalFailure } from '../runtime/task-failure.js';
import { EventType, TranscriptStatus } from '../store/transcript-store.js';
import { defineTask } from './task-definition.js';

/** A track after probing: placed on the meeting timeline, with its participant's speaker index. */
export const ProbedTrackSchema = z.object({
  index: z.number().int().nonnegative(),
  path: z.string().min(1),
  file: z.string().min(1),
  participantId: z.string().min(1),
  speaker: z.number().int().nonnegative(),
  offsetMs: z.number().int().nonnegative(),
  durationSec: z.number().nonnegative(),
});
export type ProbedTrack = z.infer<typeof ProbedTrackSchema>;

/** Reads the recording directory, probes every track, and opens the transcript record. */
export const getRecording = defineTask({
  name: 'get_recording',
  description: 'Load a recording directory (manifest or Daily layout) and probe every track',
  input: z.object({ transcriptId: z.string().min(1), recordingDir: z.string().min(1) }),
  output: z.object({
    transcriptId: z.string(),
    trackCount: z.number().int().positive(),
    tracks: z.array(ProbedTrackSchema).min(1),
    participants: z.array(ParticipantSchema).min(1),
  }),
  async run({ transcriptId, recordingDir }, ctx) {
    const recording = await loadRecording(recordingDir);
    const tracks: ProbedTrack[] = [];
    for (const track of recording.tracks) {
      const probe = await probeAudio(track.path, ctx.signal);
      if (probe.durationSec <= 0) throw terminalFailure(`${track.file}: the audio stream is empty`);
      const speaker = recording.participants.find((p) => p.id === track.participantId)!.speaker;
      // Without an explicit offset, the container says where its first sample sits.
      const offsetMs = track.offsetMs ?? Math.max(0, Math.round(probe.startTimeSec * 1000));
      tracks.push({ ...track, speaker, offsetMs, durationSec: probe.durationSec });
    }
    await ctx.store.upsertTranscript(transcriptId, {
      status: TranscriptStatus.processing,
      workflowId: ctx.execution.workflowId,
      error: null,
    });
    await ctx.store.appendEvent(transcriptId, EventType.STATUS, { status: 'processing' }, `status:processing:${ctx.execution.workflowId}`);
    return { transcriptId, trackCount: tracks.length, tracks, participants: recording.participants };
  },
});
