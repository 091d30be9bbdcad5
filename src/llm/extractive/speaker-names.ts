import type { TranscriptText } from '../summarizer.js';

/** Who is who: display names by speaker index, and the spoken first names that address them. */
export interface SpeakerDirectory {
  name(speaker: number): string;
  /** Lowercase first names as a recogniser would write them → display name. */
  readonly addressable: ReadonlyMap<string, string>;
  /** Lowercase name tokens, kept out of keywords. */
  readonly nameTokens: ReadonlySet<string>;
}

/** Builds the directory from the transcript's speaker names. */
export function speakerDirectory(transcript: TranscriptText, reserved: ReadonlySet<string>): SpeakerDirectory {
  const addressable = new Map<string, string>();
  const nameTokens = new Set<string>();
  for (const full of transcript.speakers) {
    // Speaker lists built by index can have holes (a speaker index nobody holds).
    if (typeof full !== 'string') continue;
    const parts = full.toLowerCase().split(/[^a-z0-9']+/).filter((p) => p.length > 0);
    parts.forEach((p) => nameTokens.add(p));
    const first = parts[0];
    // A participant called "Will" cannot be told apart from the verb, so nobody is addressed by it.
    if (first !== undefined && !reserved.has(first) && !addressable.has(first)) addressable.set(first, full);
  }
  return {
    name: (speaker) => transcript.speakers[speaker] ?? `Speaker ${speaker + 1}`,
    addressable,
    nameTokens,
  };
}
