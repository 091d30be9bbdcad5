import type { ActionItems, NextStep } from '../../domain/action-items.js';
import type { Utterance } from './central-utterances.js';
import type { Cue } from './action-cues.js';
import { clauseBreaks, cues, inMeetingRequests } from './action-cues.js';
import { findDeadline } from './deadline-phrase.js';
import type { SpeakerDirectory } from './speaker-names.js';
import { asProse, isContentWord } from './text-tokens.js';

const noNames: ReadonlySet<string> = new Set();

interface CueMatch {
  readonly cue: Cue;
  /** First token of the match, the addressee's name included. */
  readonly start: number;
  /** First token after the cue. */
  readonly end: number;
  readonly addressee?: string;
}

interface Pending {
  readonly step: { task: string; assignee: string | null; deadline: string | null };
  readonly words: ReadonlySet<string>;
  readonly utterance: number;
}

const maxClauseTokens = 16;
// How many turns later an answer ("sure I'll do it") still belongs to a request.
const answerReach = 3;
const leadingNoise = new Set(['please', 'to', 'also', 'just', 'maybe', 'and', 'then', 'go', 'ahead', 'quickly']);
const trailingNoise = new Set(['please', 'and', 'the', 'to', 'so', 'then', 'too', 'also', 'a', 'for', 'of', 'with', 'by', 'on', 'at', 'um', 'uh']);
const vagueWords = new Set(['do', 'it', 'that', 'this', 'take', 'care', 'of', 'handle', 'get', 'done', 'on', 'yes', 'sure', 'can', 'will', 'one', 'them']);
// A task starts with a verb; these starts mean the recogniser lost it ("i will [book→but] the launch").
const nonVerbStarts = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'for', 'with', 'where', 'when', 'what', 'is', 'are', 'was', 'were', 'and', 'or', 'but', 'if', 'than']);
const idleCommitments = new Set(['be', 'say', 'admit', 'see', 'think', 'guess', 'stop', 'start', 'just', 'pass', 'hear', 'know', 'tell', 'go', 'mention', 'try', 'share', 'show', 'ask', 'explain', 'jump', 'pull', 'walk']);

/**
 * Decisions and next steps from cue phrases in unpunctuated speech.
 * Commitments ("I'll …") belong to the speaker; requests ("Bob can you …")
 * to the person named, else to whoever answers next.
 */
export function extractActionItems(utterances: readonly Utterance[], names: SpeakerDirectory): ActionItems {
  const decisions: string[] = [];
  const steps: Pending[] = [];
  utterances.forEach((u, position) => {
    const matches = findCues(u.tokens, names);
    matches.forEach((match, m) => {
      const clause = clauseAfter(u.tokens, match, matches[m + 1]?.start ?? u.tokens.length);
      const text = clause.join(' ');
      const deadline = findDeadline(text);
      const task = taskWords(clause, deadline, names);
      switch (match.cue.kind) {
        case 'decision': {
          if (clause.length < 2) return;
          const decision = asProse([...match.cue.words, ...clause]);
          if (!decisions.includes(decision)) decisions.push(decision);
          return;
        }
        case 'proposal':
          // "let's take a break" is not work; "let's ship the draft by friday" is.
          if (deadline !== undefined && task.length > 0) add(steps, task, names.name(u.speaker), deadline.phrase, position);
          return;
        case 'commitment': {
          const owner = names.name(u.speaker);
          if (mergeIntoRequest(steps, task, owner, deadline?.phrase ?? null, position)) return;
          if (task.length === 0 || isVague(task)) return;
          if (deadline === undefined && (task.length < 2 || idleCommitments.has(task[0] ?? ''))) return;
          add(steps, task, owner, deadline?.phrase ?? null, position);
          return;
        }
        case 'request': {
          if (task.length === 0 || isVague(task)) return;
          if (deadline === undefined && inMeetingRequests.has(task[0] ?? '')) return;
          const owner = match.addressee ?? nameAtEnd(clause, names) ?? nextSpeaker(utterances, position, names);
          add(steps, task, owner, deadline?.phrase ?? null, position);
          return;
        }
      }
    });
  });
  return { decisions, nextSteps: steps.map((s): NextStep => ({ ...s.step })) };
}

function findCues(tokens: readonly string[], names: SpeakerDirectory): CueMatch[] {
  const found: CueMatch[] = [];
  let p = 0;
  while (p < tokens.length) {
    const cue = cues.find((c) => c.words.every((w, i) => tokens[p + i] === w));
    const previous = found.at(-1);
    // "can you please …": a cue right after another one belongs to it.
    if (cue === undefined || (previous !== undefined && previous.end === p && cue.words[0] === 'please')) {
      p++;
      continue;
    }
    let start = p;
    let end = p + cue.words.length;
    let addressee: string | undefined;
    if (cue.kind === 'request') {
      const before = names.addressable.get(tokens[p - 1] ?? '');
      const after = names.addressable.get(tokens[end] ?? '');
      if (before !== undefined) {
        addressee = before;
        start = p - 1;
      } else if (after !== undefined) {
        addressee = after;
        end++;
      }
    }
    found.push(addressee === undefined ? { cue, start, end } : { cue, start, end, addressee });
    p = end;
  }
  return found;
}

function clauseAfter(tokens: readonly string[], match: CueMatch, nextStart: number): string[] {
  const clause: string[] = [];
  for (let i = match.end; i < Math.min(nextStart, match.end + maxClauseTokens); i++) {
    const token = tokens[i];
    if (token === undefined) break;
    // "i will also …" goes on; "i will but …" is a misheard or abandoned clause.
    if (clause.length === 0 && (token === 'also' || token === 'just')) continue;
    if (clauseBreaks.has(token)) break;
    clause.push(token);
  }
  return clause;
}

// The task as an imperative: deadline, addressee and filler removed from both ends.
function taskWords(clause: readonly string[], deadline: { phrase: string; index: number } | undefined, names: SpeakerDirectory): string[] {
  let words = [...clause];
  if (nonVerbStarts.has(words[0] ?? '')) return [];
  if (deadline !== undefined) {
    const before = clause.join(' ').slice(0, deadline.index).split(' ').filter((w) => w.length > 0).length;
    words.splice(before, deadline.phrase.split(' ').length);
  }
  if (nameAtEnd(words, names) !== undefined) words = words.slice(0, -1);
  while (words.length > 0 && leadingNoise.has(words[0] ?? '')) words.shift();
  while (words.length > 0 && trailingNoise.has(words.at(-1) ?? '')) words.pop();
  return words;
}

function nameAtEnd(words: readonly string[], names: SpeakerDirectory): string | undefined {
  return names.addressable.get(words.at(-1) ?? '');
}

function nextSpeaker(utterances: readonly Utterance[], position: number, names: SpeakerDirectory): string | null {
  const asker = utterances[position]?.speaker;
  for (const u of utterances.slice(position + 1, position + 1 + answerReach)) {
    if (u.speaker !== asker) return names.name(u.speaker);
  }
  return null;
}

function isVague(task: readonly string[]): boolean {
  return task.every((w) => vagueWords.has(w));
}

// "sure I'll do it by friday" answers an earlier request: it adds the deadline rather than a second item.
// The same deadline for the same person right after a request also marks an answer, even when the
// recogniser garbled the task ("prepare the budget draft by thursday" / "i will have the ball to draft ready by thursday").
function mergeIntoRequest(steps: Pending[], task: readonly string[], owner: string, deadline: string | null, position: number): boolean {
  const words = new Set(task.filter((w) => isContentWord(w, noNames)));
  for (let i = steps.length - 1; i >= 0; i--) {
    const pending = steps[i];
    if (pending === undefined || position - pending.utterance > answerReach) break;
    if (pending.step.assignee !== owner) continue;
    const shared = [...words].filter((w) => pending.words.has(w)).length;
    const smaller = Math.min(words.size, pending.words.size);
    const sameDeadline = deadline !== null && deadline === pending.step.deadline;
    if (isVague(task) || (shared > 0 && (sameDeadline || shared * 3 >= smaller))) {
      if (pending.step.deadline === null && deadline !== null) pending.step.deadline = deadline;
      return true;
    }
  }
  return false;
}

function add(steps: Pending[], task: readonly string[], assignee: string | null, deadline: string | null, utterance: number): void {
  const text = asProse(task);
  const same = steps.find((s) => s.step.task === text && s.step.assignee === assignee);
  if (same !== undefined) {
    if (same.step.deadline === null) same.step.deadline = deadline;
    return;
  }
  steps.push({ step: { task: text, assignee, deadline }, words: new Set(task.filter((w) => isContentWord(w, noNames))), utterance });
}
