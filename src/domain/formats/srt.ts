import { srtTime } from '../time-format.js';
import type { Transcript } from '../transcript.js';
import { speakerName } from './speaker-name.js';

/** SubRip captions, one cue per segment, prefixed with the speaker's name. */
export function toSrt(transcript: Pick<Transcript, 'participants' | 'segments'>): string {
  return transcript.segments
    .map((s, i) => `${i + 1}\n${srtTime(s.start)} --> ${srtTime(s.end)}\n${speakerName(transcript, s.speaker)}: ${s.text}\n`)
    .join('\n');
}
