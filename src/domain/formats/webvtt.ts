import { vttTime } from '../time-format.js';
import type { Transcript } from '../transcript.js';
import { speakerName } from './speaker-name.js';

/** Escapes the characters WebVTT cue text reserves. */
function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WebVTT captions, one cue per segment, with `<v Name>` voice tags. */
export function toWebVtt(transcript: Pick<Transcript, 'participants' | 'segments'>): string {
  const cues = transcript.segments.map((s, i) => {
    const voice = escapeCueText(speakerName(transcript, s.speaker)).replace(/\s+/g, ' ');
    return `${i + 1}\n${vttTime(s.start)} --> ${vttTime(s.end)}\n<v ${voice}>${escapeCueText(s.text)}</v>\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}
