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

/**
 * What pocketsphinx (Debian's en-us model, accurate preset) heard on the bundled
 * examples/meeting recording, segmented at pauses over 0.6 s. Names and some
 * words are misheard: "bob can you" came out as "good god can you", "angus
 * please" as "and yes please", "book the launch webinar" as "but the launch where the dollar".
 */
export const recognisedExampleMeeting: TranscriptText = {
  speakers: ['Alice', 'Bob', 'Angus'],
  segments: (
    [
      [0, 1.2, 'good morning everyone thanks for joining the weekly products think today we need to settle the launch made for version cute and the budget for the marketing campaign'],
      [1, 11.1, 'morning well as the release candidate best of all the tests yesterday so engineering is ready'],
      [2, 18.3, 'sorry i am late marketing is ready to do but we still need the final budget numbers'],
      [0, 24.1, 'and let us decide we will ship versions here next tuesday'],
      [1, 26.3, 'agreed tuesday works for us'],
      [2, 29.0, 'tuesday is fine for the campaign as well'],
      [0, 32.1, 'good god can you send the release notes to support team by friday'],
      [1, 36.9, 'yes i will send the release notes by friday afternoon'],
      [0, 41.2, 'and yes please prepare the budget draft for the campaign by thursday'],
      [2, 45.5, 'i will have the ball to draft ready by thursday and i will but the launch where the dollar'],
      [1, 50.9, 'one more thing we decided to drop the old export feature so i will update the documentation next week'],
      [0, 58.5, "great sell to recap reshape version to on disney godsend very least now it's by friday and and is prepared the budget draft by thursday thanks everyone see you next week"],
      [1, 70.7, 'thanks bye'],
      [2, 71.5, 'by everyone'],
    ] as const
  ).map(([speaker, start, text]) => ({ speaker, start, end: start + 2, text })),
};
