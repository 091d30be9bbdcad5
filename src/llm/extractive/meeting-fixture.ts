import type { TranscriptText } from '../summarizer.js';

// Recogniser-style text for tests: lowercase, no punctuation, cut per speaker
// at pauses, with the odd misrecognised word ("data bass", "post grass").
const turns: readonly [speaker: number, text: string][] = [
  [0, 'okay so lets get started the main thing today is the database migration for the billing service'],
  [1, 'yeah the billing database is still on my sequel and the migration to postgres keeps slipping'],
  [0, 'right what is blocking the database migration'],
  [1, 'mostly the migration scripts the schema for invoices changed twice and the scripts are out of date'],
  [2, 'i looked at the invoice schema last week the data bass tables are fine but the migration scripts need a rewrite'],
  [0, 'okay after looking at the options we decided to go with postgres fifteen for the billing database'],
  [0, 'carol can you rewrite the migration scripts by friday'],
  [2, 'sure i can do that'],
  [1, 'i will set up the post grass staging database tomorrow'],
  [0, 'good now the second thing is the launch of the mobile app'],
  [2, 'the mobile app launch depends on the app store review which takes about a week'],
  [1, 'marketing wants the mobile launch in march but the app store review could push it to april'],
  [0, 'can you draft the launch announcement for the mobile app'],
  [1, 'yes i will draft the announcement by end of month'],
  [2, 'we agreed the mobile launch date is march twentieth if the review passes'],
  [0, 'please send the launch checklist to the whole team next week'],
  [2, 'okay'],
];

/** A short recorded meeting about a database migration and a mobile launch. */
export const meeting: TranscriptText = {
  speakers: ['Alice Martin', 'Bob Chen', 'Carol Diaz'],
  segments: turns.map(([speaker, text], i) => ({ speaker, start: i * 12, end: i * 12 + 10, text })),
};
