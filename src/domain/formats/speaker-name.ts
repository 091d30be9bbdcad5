import type { Transcript } from '../transcript.js';

/** The display name of a speaker index, or `Speaker N` (1-based) when unknown. */
export function speakerName(transcript: Pick<Transcript, 'participants'>, speaker: number): string {
  return transcript.participants.find((p) => p.speaker === speaker)?.name ?? `Speaker ${speaker + 1}`;
}
