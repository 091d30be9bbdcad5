import type { ActionItems } from '../../domain/action-items.js';
import type { Summarizer, TopicText, TranscriptText } from '../summarizer.js';
import { extractActionItems } from './action-item-extractor.js';
import type { Utterance } from './central-utterances.js';
import { centralUtterances, excerpt } from './central-utterances.js';
import { rankKeywords } from './keyword-rank.js';
import { speakerDirectory } from './speaker-names.js';
import { stopWords } from './stop-words.js';
import { attributed } from './speaker-phrasing.js';
import { asProse, isContentWord, tokenize } from './text-tokens.js';
import { alignToTopics } from './topic-alignment.js';
import { fallbackTopicTitle, topicTitle } from './topic-title.js';

const quoteWords = 22;
const bulletsPerTopic = 4;

/**
 * The embedded summarizer: keyword ranking and cue phrases, no model. Offline
 * and deterministic: the same transcript always gives the same text.
 */
export function createExtractiveSummarizer(): Summarizer {
  return {
    name: 'extractive',
    async topic(chunk, { signal }) {
      signal.throwIfAborted();
      return summarizeTopic(chunk);
    },
    async title(topics, { signal }) {
      signal.throwIfAborted();
      return meetingTitle(topics);
    },
    async summary(transcript, topics, { signal }) {
      signal.throwIfAborted();
      return summarizeMeeting(transcript, topics);
    },
    async actionItems(transcript, { signal }) {
      signal.throwIfAborted();
      return actionItemsOf(transcript);
    },
  };
}

function utterancesOf(transcript: TranscriptText): Utterance[] {
  return transcript.segments
    .map((s, index) => ({ index, speaker: s.speaker, start: s.start, tokens: tokenize(s.text) }))
    .filter((u) => u.tokens.length > 0);
}

function summarizeTopic(chunk: TranscriptText): TopicText {
  const names = speakerDirectory(chunk, stopWords);
  const utterances = utterancesOf(chunk);
  const ranking = rankKeywords(utterances.map((u) => u.tokens), names.nameTokens);
  const central = centralUtterances(utterances, ranking.scores, 2);
  const summary = central.map((u) => attributed(names.name(u.speaker), excerpt(u.tokens, ranking.scores, quoteWords))).join(' ');
  return { title: topicTitle(ranking.phrases), summary };
}

// The topic whose words recur most across the meeting names it best; a second
// topic joins it only when it is about something else, so the title covers more ground.
function meetingTitle(topics: readonly TopicText[]): string {
  const titled = topics.filter((t) => t.title.trim().length > 0 && t.title !== fallbackTopicTitle);
  if (titled.length === 0) return topics[0]?.title.trim() || 'Meeting';
  const noNames = new Set<string>();
  const titleWords = (t: TopicText) => new Set(tokenize(t.title).filter((w) => isContentWord(w, noNames)));
  const bags = titled.map((t) => new Set(tokenize(`${t.title} ${t.summary}`).filter((w) => isContentWord(w, noNames))));
  const ranked = titled
    .map((t, order) => {
      const own = titleWords(t);
      const weight = [...own].reduce((sum, w) => sum + bags.filter((b) => b.has(w)).length, 0) / Math.sqrt(own.size || 1);
      return { t, order, own, weight };
    })
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  const first = ranked[0];
  if (first === undefined) return 'Meeting';
  const firstBag = bags[first.order] ?? new Set<string>();
  const second = ranked.slice(1).find((r) => {
    const bag = bags[r.order] ?? new Set<string>();
    return r.own.size > 0 && [...r.own].every((w) => !firstBag.has(w)) && [...first.own].every((w) => !bag.has(w));
  });
  if (second === undefined) return first.t.title;
  const pair = [first, second].sort((a, b) => a.order - b.order).map((r) => r.t.title);
  // Two long topic titles make a clumsy meeting title; then the strongest alone.
  return `${pair[0]} ${pair[1]}`.split(/\s+/).length <= 7 ? `${pair[0]} and ${pair[1]}` : first.t.title;
}

function actionItemsOf(transcript: TranscriptText): ActionItems {
  return extractActionItems(utterancesOf(transcript), speakerDirectory(transcript, stopWords));
}

function summarizeMeeting(transcript: TranscriptText, topics: readonly TopicText[]): { short: string; long: string } {
  const names = speakerDirectory(transcript, stopWords);
  const utterances = utterancesOf(transcript);
  const ranking = rankKeywords(utterances.map((u) => u.tokens), names.nameTokens);
  const items = extractActionItems(utterances, names);
  const speakers = [...new Set(utterances.map((u) => u.speaker))].sort((a, b) => a - b).map((s) => names.name(s));

  const sentences: string[] = [];
  const topicNames = topics.map((t) => t.title.toLowerCase()).filter((t) => t.length > 0);
  const who = speakers.length === 0 ? 'The participants' : listOf(speakers, 4);
  if (topicNames.length > 0) sentences.push(`${who} discussed ${listOf(topicNames, 5)}.`);
  for (const u of centralUtterances(utterances, ranking.scores, topicNames.length > 0 ? 1 : 2)) {
    sentences.push(attributed(names.name(u.speaker), excerpt(u.tokens, ranking.scores, quoteWords)));
  }
  // Decisions already read as sentences ("We agreed …"), so they are quoted as they are.
  for (const decision of items.decisions.slice(0, 2)) sentences.push(`${unsentence(decision)}.`);
  if (items.nextSteps.length > 0) {
    const steps = items.nextSteps.slice(0, 3).map((s) => `${s.assignee ?? 'someone'} to ${lower(unsentence(s.task))}${s.deadline ? ` ${s.deadline}` : ''}`);
    sentences.push(`Next: ${steps.join('; ')}.`);
  }
  const short = sentences.join(' ') || 'Nothing was recognised in this meeting.';

  const sections: string[] = [];
  const groups = topics.length > 0
    ? alignToTopics(utterances, topics.map((t) => new Set(tokenize(`${t.title} ${t.summary}`).filter((w) => isContentWord(w, names.nameTokens)))))
    : [utterances];
  groups.forEach((group, k) => {
    const topic = topics[k];
    const local = rankKeywords(group.map((u) => u.tokens), names.nameTokens);
    const bullets = centralUtterances(group, local.scores, bulletsPerTopic)
      .map((u) => `- **${names.name(u.speaker)}**: ${asProse(excerpt(u.tokens, local.scores, quoteWords + 8))}`);
    sections.push([`## ${topic?.title ?? 'Discussion'}`, ...(topic?.summary ? ['', topic.summary] : []), ...(bullets.length > 0 ? ['', ...bullets] : [])].join('\n'));
  });
  if (items.decisions.length > 0) sections.push(['## Decisions', '', ...items.decisions.map((d) => `- ${d}`)].join('\n'));
  if (items.nextSteps.length > 0) {
    sections.push(['## Next steps', '', ...items.nextSteps.map((s) => `- ${s.task}${s.assignee ? ` (${s.assignee}` : ' (unassigned'}${s.deadline ? `, ${s.deadline})` : ')'}`)].join('\n'));
  }
  return { short, long: sections.join('\n\n') };
}

function listOf(items: readonly string[], max: number): string {
  const shown = items.length > max ? [...items.slice(0, max - 1), `${items.length - max + 1} others`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

function unsentence(text: string): string {
  return text.replace(/[.?!]+$/, '');
}

function lower(text: string): string {
  return text.length > 0 && !/^I\b/.test(text) ? `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}` : text;
}
