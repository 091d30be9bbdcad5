import { z } from 'zod';
import { ParticipantSchema } from '../domain/participant.js';
import { ProbedTrackSchema } from './get-recording.js';
import { defineTask } from './task-definition.js';

/** The reference name of track `i`'s branch in the dynamic fork; the JOIN output is keyed by it. */
export const trackBranchRef = (index: number) => `track_${index}`;

/**
 * Stores the participants and plans the per-track fan-out: one
 * `track_pipeline` sub-workflow per track, for FORK_JOIN_DYNAMIC.
 */
export const getParticipants = defineTask({
  name: 'get_participants',
  description: 'Store participants and plan one track_pipeline sub-workflow per track',
  input: z.object({
    transcriptId: z.string().min(1),
    tracks: z.array(ProbedTrackSchema).min(1),
    participants: z.array(ParticipantSchema).min(1),
  }),
  output: z.object({
    participantCount: z.number().int().positive(),
    trackRefs: z.array(z.string()).min(1),
    forkTasks: z.array(z.record(z.string(), z.unknown())).min(1),
    forkInputs: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
  async run({ transcriptId, tracks, participants }, ctx) {
    await ctx.store.replaceParticipants(transcriptId, participants);
    const trackRefs = tracks.map((t) => trackBranchRef(t.index));
    const forkTasks = trackRefs.map((ref) => ({
      name: 'track_pipeline',
      taskReferenceName: ref,
      type: 'SUB_WORKFLOW',
      subWorkflowParam: { name: 'track_pipeline', version: 1 },
    }));
    const forkInputs = Object.fromEntries(tracks.map((track, i) => [trackRefs[i]!, { transcriptId, track }]));
    return { participantCount: participants.length, trackRefs, forkTasks, forkInputs };
  },
});
