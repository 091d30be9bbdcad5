import type { ActionItems } from '../../domain/action-items.js';
import type { z } from 'zod';
import type { Summarizer, TranscriptText } from '../summarizer.js';
import { actionItemsAnswerSchema, NotesAnswerSchema, SummaryAnswerSchema, TitleAnswerSchema, TopicAnswerSchema } from './answer-schemas.js';
import type { ChatClientOptions } from './chat-client.js';
import { createChatClient } from './chat-client.js';
import type { ChatMessage } from './chat-message.js';
import { askForJson } from './json-answer.js';
import { actionItemsPrompt, notesPrompt, summaryPrompt, titlePrompt, topicPrompt } from './prompts/index.js';
import { chunkLines, transcriptLines } from './transcript-chunks.js';

export interface OpenAiSummarizerOptions extends ChatClientOptions {
  /** The model's context window in tokens; transcripts are chunked to fit. Default 8192. */
  readonly contextTokens?: number;
  /** Tokens kept free for the answer. Default 1024. */
  readonly answerTokens?: number;
  /** Re-asks after an unusable answer. Default 2. */
  readonly reasks?: number;
}

// Instructions, participant list and topics around the transcript; measured on the prompts, rounded up.
const promptOverheadTokens = 800;

/** A Summarizer over any OpenAI-compatible chat completions API. */
export function createOpenAiSummarizer(options: OpenAiSummarizerOptions): Summarizer {
  const client = createChatClient(options);
  const reasks = options.reasks ?? 2;
  const budget = Math.max(256, (options.contextTokens ?? 8192) - promptOverheadTokens - (options.answerTokens ?? 1024));
  const ask = <T>(messages: readonly ChatMessage[], schema: z.ZodType<T>, what: string, signal: AbortSignal): Promise<T> =>
    askForJson(client, messages, schema, { signal, reasks, what });

  return {
    name: 'openai',
    async topic(chunk, { signal }) {
      // A topic chunk is ~300 words and fits any context; should one not, its start stands for it.
      const transcript = chunkLines(transcriptLines(chunk), budget)[0] ?? '';
      return ask(topicPrompt({ participants: chunk.speakers, transcript }), TopicAnswerSchema, 'topic', signal);
    },
    async title(topics, { signal }) {
      const answer = await ask(titlePrompt({ topics }), TitleAnswerSchema, 'title', signal);
      return answer.title;
    },
    async summary(transcript, topics, { signal }) {
      const chunks = chunkLines(transcriptLines(transcript), budget);
      if (chunks.length <= 1) {
        const material = chunks[0] ?? '(nothing was said)';
        return ask(summaryPrompt({ participants: transcript.speakers, topics, material, materialKind: 'transcript' }), SummaryAnswerSchema, 'summary', signal);
      }
      const notes = await notesOnParts(transcript, chunks, signal);
      const material = chunkLines(notes, budget)[0] ?? '';
      return ask(summaryPrompt({ participants: transcript.speakers, topics, material, materialKind: 'notes' }), SummaryAnswerSchema, 'summary', signal);
    },
    async actionItems(transcript, { signal }) {
      const schema = actionItemsAnswerSchema(transcript.speakers);
      const merged: ActionItems = { decisions: [], nextSteps: [] };
      // Parts one after another: a local model serves one request at a time anyway, and order stays stable.
      for (const part of chunkLines(transcriptLines(transcript), budget)) {
        const items = await ask(actionItemsPrompt({ participants: transcript.speakers, transcript: part }), schema, 'action items', signal);
        for (const d of items.decisions) {
          if (!merged.decisions.some((x) => x.toLowerCase() === d.toLowerCase())) merged.decisions.push(d);
        }
        for (const s of items.nextSteps) {
          if (!merged.nextSteps.some((x) => x.task.toLowerCase() === s.task.toLowerCase() && x.assignee === s.assignee)) merged.nextSteps.push(s);
        }
      }
      return merged;
    },
  };

  async function notesOnParts(transcript: TranscriptText, chunks: readonly string[], signal: AbortSignal): Promise<string[]> {
    const notes: string[] = [];
    for (const [i, part] of chunks.entries()) {
      const answer = await ask(
        notesPrompt({ participants: transcript.speakers, transcript: part, part: i + 1, parts: chunks.length }),
        NotesAnswerSchema,
        'notes',
        signal,
      );
      notes.push(...answer.notes.map((n) => `- ${n}`));
    }
    return notes;
  }
}
