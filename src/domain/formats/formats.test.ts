import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Transcript } from '../transcript.js';
import { toMarkdown } from './markdown.js';
import { toPlainText } from './plain-text.js';
import { toSrt } from './srt.js';
import { toWebVtt } from './webvtt.js';

const transcript: Transcript = {
  id: 't1',
  status: 'ended',
  durationMs: 3_725_000,
  title: 'Budget review',
  shortSummary: 'They reviewed the budget.',
  longSummary: '',
  participants: [
    { id: 'a', name: 'Alice <CEO>', speaker: 0 },
    { id: 'b', name: 'Bob', speaker: 1 },
  ],
  words: [],
  segments: [
    { speaker: 0, start: 1.5, end: 3.25, text: 'numbers & plans' },
    { speaker: 1, start: 3661.0049, end: 3662, text: 'agreed' },
    { speaker: 2, start: 3663, end: 3664, text: 'who am i' },
  ],
  topics: [{ id: 'x', title: 'Budget', summary: 'Money.', timestamp: 65, duration: 30 }],
  actionItems: { decisions: ['Ship it'], nextSteps: [{ task: 'Send draft', assignee: 'Bob', deadline: 'by Friday' }] },
  audioDeleted: false,
};

test('WebVTT has a header, voice tags and escaped cue text', () => {
  const vtt = toWebVtt(transcript);
  assert.ok(vtt.startsWith('WEBVTT\n\n'));
  assert.match(vtt, /1\n00:00:01\.500 --> 00:00:03\.250\n<v Alice &lt;CEO&gt;>numbers &amp; plans<\/v>/);
  assert.match(vtt, /01:01:01\.005 --> 01:01:02\.000\n<v Bob>agreed/);
  assert.match(vtt, /<v Speaker 3>who am i/);
});

test('SRT numbers cues and uses comma milliseconds', () => {
  const srt = toSrt(transcript);
  assert.match(srt, /^1\n00:00:01,500 --> 00:00:03,250\nAlice <CEO>: numbers & plans\n\n2\n/);
});

test('plain text and markdown name speakers with clock times', () => {
  assert.equal(toPlainText(transcript).split('\n')[1], '[1:01:01] Bob: agreed');
  const md = toMarkdown(transcript);
  assert.match(md, /^# Budget review/);
  assert.match(md, /Duration: 1:02:05/);
  assert.match(md, /- \*\*\[1:05\] Budget\*\*: Money\./);
  assert.match(md, /- \[ \] Send draft \(Bob\), by Friday/);
});
