import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TranscriptText } from '../summarizer.js';
import { createExtractiveSummarizer } from './extractive-summarizer.js';
import { meeting, recognisedExampleMeeting } from './meeting-fixture.js';
import { stopWords } from './stop-words.js';

const signal = AbortSignal.timeout(10_000);
const speakers = ['Alice Martin', 'Bob Chen', 'Carol Diaz'];
function transcript(...turns: [number, string][]): TranscriptText {
  return { speakers, segments: turns.map(([speaker, text], i) => ({ speaker, start: i * 5, end: i * 5 + 4, text })) };
}
const firstHalf: TranscriptText = { speakers: meeting.speakers, segments: meeting.segments.slice(0, 9) };
const secondHalf: TranscriptText = { speakers: meeting.speakers, segments: meeting.segments.slice(9) };

describe('extractive summarizer: action items', () => {
  const summarizer = createExtractiveSummarizer();

  it('finds a decision said in the middle of a turn', async () => {
    const items = await summarizer.actionItems(
      transcript([1, 'yeah i compared both vendors last night and honestly we agreed to go with the cheaper hosting plan so that is settled']),
      { signal },
    );
    assert.equal(items.decisions.length, 1);
    assert.match(items.decisions[0] ?? '', /^We agreed to go with the cheaper hosting plan$/);
  });

  it('gives a request to the participant it names, with the deadline as said', async () => {
    const items = await summarizer.actionItems(
      transcript([0, 'right so bob can you update the pricing page by next friday'], [1, 'yep']),
      { signal },
    );
    assert.deepEqual(items.nextSteps, [{ task: 'Update the pricing page', assignee: 'Bob Chen', deadline: 'by next friday' }]);
  });

  it('gives an unaddressed request to whoever answers, and takes the deadline from the answer without a duplicate', async () => {
    const items = await summarizer.actionItems(
      transcript([0, 'could you write up the incident report'], [0, 'the one from tuesday'], [2, 'sure i will do it by end of month']),
      { signal },
    );
    assert.deepEqual(items.nextSteps, [{ task: 'Write up the incident report', assignee: 'Carol Diaz', deadline: 'by end of month' }]);
  });

  it('makes "I will …" a next step owned by the speaker', async () => {
    const items = await summarizer.actionItems(transcript([2, 'okay i will send the meeting notes to everyone tomorrow']), { signal });
    assert.deepEqual(items.nextSteps, [{ task: 'Send the meeting notes to everyone', assignee: 'Carol Diaz', deadline: 'tomorrow' }]);
  });

  it('ignores requests about the call itself and plans without a deadline', async () => {
    const items = await summarizer.actionItems(
      transcript(
        [0, 'can you hear me now'], [1, 'yes i can hear you'], [0, 'lets take a short break'], [2, 'we will see'],
        [1, 'let me share my screen'], [0, 'will you be there'],
      ),
      { signal },
    );
    assert.deepEqual(items, { decisions: [], nextSteps: [] });
  });

  it('keeps a request with a deadline even when it sounds like talk', async () => {
    const items = await summarizer.actionItems(transcript([0, 'carol could you walk the sales team through the demo on thursday']), { signal });
    assert.deepEqual(items.nextSteps, [{ task: 'Walk the sales team through the demo', assignee: 'Carol Diaz', deadline: 'on thursday' }]);
  });

  it('reads the sample meeting into its decisions and owned next steps', async () => {
    const items = await summarizer.actionItems(meeting, { signal });
    assert.equal(items.decisions.length, 2);
    assert.ok(items.decisions.some((d) => /postgres/.test(d)));
    const carol = items.nextSteps.find((s) => /migration scripts/i.test(s.task));
    assert.deepEqual(carol, { task: 'Rewrite the migration scripts', assignee: 'Carol Diaz', deadline: 'by friday' });
    const bob = items.nextSteps.filter((s) => s.assignee === 'Bob Chen');
    assert.ok(bob.some((s) => /announcement/.test(s.task) && s.deadline === 'by end of month'));
  });
});

describe('extractive summarizer: real recogniser output', () => {
  const summarizer = createExtractiveSummarizer();

  it('still finds who does what when names and words were misheard', async () => {
    const items = await summarizer.actionItems(recognisedExampleMeeting, { signal });
    assert.ok(items.decisions.some((d) => /ship .* next tuesday/.test(d)), items.decisions.join(' | '));
    assert.ok(items.decisions.some((d) => /drop the old export feature/.test(d)));
    assert.deepEqual(
      items.nextSteps.map((s) => [s.assignee, s.deadline]),
      [['Bob', 'by friday'], ['Angus', 'by thursday'], ['Bob', 'next week']],
    );
    assert.match(items.nextSteps[0]?.task ?? '', /^Send the release notes/);
    assert.match(items.nextSteps[1]?.task ?? '', /^Prepare the budget draft/);
    assert.match(items.nextSteps[2]?.task ?? '', /^Update the documentation/);
  });

  it('titles the meeting after what it was about', async () => {
    const topic = await summarizer.topic(recognisedExampleMeeting, { signal });
    assert.match(topic.title, /budget|release/i);
    assert.ok(topic.title.split(' ').length <= 6);
  });
});

describe('extractive summarizer: topics and titles', () => {
  const summarizer = createExtractiveSummarizer();

  it('titles a chunk with a short phrase of its key words, never only stop words', async () => {
    const first = await summarizer.topic(firstHalf, { signal });
    const second = await summarizer.topic(secondHalf, { signal });
    for (const topic of [first, second]) {
      const words = topic.title.toLowerCase().split(/\s+/);
      assert.ok(words.length >= 1 && words.length <= 6, topic.title);
      assert.ok(words.some((w) => !stopWords.has(w) && w !== 'and'), topic.title);
    }
    assert.match(first.title, /migration|database/i);
    assert.match(second.title, /mobile|launch|app/i);
  });

  it('summarises a chunk in one or two sentences that say who spoke', async () => {
    const topic = await summarizer.topic(firstHalf, { signal });
    const sentences = topic.summary.split(/(?<=[.?!])\s+(?=[A-Z])/);
    assert.ok(sentences.length >= 1 && sentences.length <= 2, topic.summary);
    assert.ok(speakers.some((name) => topic.summary.includes(name)), topic.summary);
  });

  it('still titles a chunk of nothing but fillers', async () => {
    const topic = await summarizer.topic(transcript([0, 'yeah okay'], [1, 'um right so']), { signal });
    assert.ok(topic.title.length > 0);
  });

  it('names a meeting after two different subjects rather than two sides of one', async () => {
    const title = await summarizer.title(
      [
        { title: 'Database Migration', summary: 'Bob Chen said that the migration to postgres keeps slipping.' },
        { title: 'App Store Review', summary: 'Carol Diaz said that the mobile launch depends on the app store review.' },
        { title: 'Launch', summary: 'Carol Diaz confirmed that the mobile launch date is march twentieth.' },
      ],
      { signal },
    );
    // "App Store Review" and "Launch" are one subject (the review gates the launch): only one of them.
    assert.match(title, /^Database Migration and (App Store Review|Launch)$/);
  });

  it('builds a short meeting title from the topics', async () => {
    const topics = [await summarizer.topic(firstHalf, { signal }), await summarizer.topic(secondHalf, { signal })];
    const title = await summarizer.title(topics, { signal });
    assert.ok(title.length > 0 && title.split(/\s+/).length <= 8, title);
    assert.ok(topics.some((t) => title.includes(t.title)), title);
  });
});

describe('extractive summarizer: meeting summary', () => {
  const summarizer = createExtractiveSummarizer();

  it('writes one paragraph naming the people and topics, and a markdown section per topic with attributed bullets', async () => {
    const topics = [await summarizer.topic(firstHalf, { signal }), await summarizer.topic(secondHalf, { signal })];
    const { short, long } = await summarizer.summary(meeting, topics, { signal });
    assert.ok(!short.includes('\n'));
    for (const name of speakers) assert.ok(short.includes(name), name);
    assert.match(short, /postgres/);
    for (const topic of topics) assert.ok(long.includes(`## ${topic.title}`), topic.title);
    assert.match(long, /^- \*\*(Alice Martin|Bob Chen|Carol Diaz)\*\*: \S/m);
    // Each topic's bullets come from its own part of the meeting.
    const [firstSection, secondSection] = long.split(/^## /m).filter((s) => s.length > 0);
    assert.match(firstSection ?? '', /migration/);
    assert.doesNotMatch(firstSection ?? '', /app store/);
    assert.match(secondSection ?? '', /app store|mobile/);
  });

  it('gives the same output for the same input', async () => {
    const run = async () => {
      const s = createExtractiveSummarizer();
      const topics = [await s.topic(firstHalf, { signal }), await s.topic(secondHalf, { signal })];
      return { topics, title: await s.title(topics, { signal }), summary: await s.summary(meeting, topics, { signal }), items: await s.actionItems(meeting, { signal }) };
    };
    assert.deepEqual(await run(), await run());
  });

  it('copes with a speaker index that has no name', async () => {
    const speakersWithHole: string[] = [];
    speakersWithHole[1] = 'Bob Chen';
    const items = await summarizer.actionItems({ speakers: speakersWithHole, segments: meeting.segments }, { signal });
    assert.ok(items.nextSteps.some((s) => s.assignee === 'Speaker 1' || s.assignee === 'Speaker 3'));
  });

  it('stops when the caller aborts', async () => {
    await assert.rejects(summarizer.topic(firstHalf, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});
