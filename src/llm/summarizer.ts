import type { ActionItems } from '../domain/action-items.js';
import type { Segment } from '../domain/segment.js';

/** Names by speaker index, so text can say who said what. */
export type SpeakerNames = readonly string[];

/** What a summarizer reads: readable segments (speaker, times, text). */
export interface TranscriptText {
  readonly segments: readonly Segment[];
  readonly speakers: SpeakerNames;
}

export interface TopicText {
  readonly title: string;
  readonly summary: string;
}

/**
 * Text intelligence over a transcript. Backends: `extractive` (offline,
 * deterministic, the embedded default) and `openai` (any compatible chat API).
 */
export interface Summarizer {
  readonly name: string;
  /** Title and 1–2 sentence summary of one chunk (~300 words) of the meeting. */
  topic(chunk: TranscriptText, options: { signal: AbortSignal }): Promise<TopicText>;
  /** A short meeting title from its topics. */
  title(topics: readonly TopicText[], options: { signal: AbortSignal }): Promise<string>;
  /** A one-paragraph summary and a markdown long summary. */
  summary(
    transcript: TranscriptText,
    topics: readonly TopicText[],
    options: { signal: AbortSignal },
  ): Promise<{ short: string; long: string }>;
  /** Decisions and next steps, each next step owned by a speaker where one took it. */
  actionItems(transcript: TranscriptText, options: { signal: AbortSignal }): Promise<ActionItems>;
}
