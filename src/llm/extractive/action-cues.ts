/** What a spoken cue announces. */
export const CueKind = {
  decision: 'decision',
  request: 'request',
  commitment: 'commitment',
  proposal: 'proposal',
} as const;
export type CueKind = (typeof CueKind)[keyof typeof CueKind];

export interface Cue {
  readonly kind: CueKind;
  readonly words: readonly string[];
}

const table: Record<CueKind, readonly string[]> = {
  decision: [
    'we decided', "we've decided", 'we have decided', 'we agreed', "we've agreed", 'we have agreed', 'we all agreed',
    'we agree', "let's go with", 'lets go with', 'let us go with', "we'll go with", 'we will go with', "we're going with",
    'we are going with', "we're going to go with", 'we are going to go with', 'the decision is', 'decision is', 'we will',
    "we'll", 'agreed we will', 'agreed then',
  ],
  request: ['can you', 'could you', 'would you', 'will you', 'please', 'can someone', 'could someone', 'can somebody'],
  commitment: ["i'll", 'i will', "i'm going to", 'i am going to', 'let me'],
  proposal: ["let's", 'lets', 'let us'],
};

/** Every cue, longest first so "we will go with" wins over "we will". */
export const cues: readonly Cue[] = Object.entries(table)
  .flatMap(([kind, phrases]) => phrases.map((p) => ({ kind: kind as CueKind, words: p.split(' ') })))
  .sort((a, b) => b.words.length - a.words.length || a.words.join(' ').localeCompare(b.words.join(' ')));

/** Words that end a clause in unpunctuated speech: the talk has moved on. */
export const clauseBreaks: ReadonlySet<string> = new Set([
  'okay', 'ok', 'alright', 'thanks', 'anyway', 'yeah', 'great', 'cool', 'so', 'but', 'because', 'otherwise', 'also',
]);

/** Requests that are about the call itself, not work to do after it, unless a deadline says otherwise. */
export const inMeetingRequests: ReadonlySet<string> = new Set([
  'hear', 'see', 'repeat', 'say', 'mute', 'unmute', 'share', 'speak', 'explain', 'clarify', 'go', 'wait', 'hold', 'be',
  'tell', 'believe', 'imagine', 'remind', 'show', 'talk', 'walk', 'give', 'stop', 'scroll', 'zoom',
]);
