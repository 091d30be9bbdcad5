import { clockTime } from '../time-format.js';
import type { Transcript } from '../transcript.js';
import { speakerName } from './speaker-name.js';

/** One line per segment: `[m:ss] Name: text`. */
export function toPlainText(transcript: Pick<Transcript, 'participants' | 'segments'>): string {
  return transcript.segments
    .map((s) => `[${clockTime(s.start)}] ${speakerName(transcript, s.speaker)}: ${s.text}\n`)
    .join('');
}
