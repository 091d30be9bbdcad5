import { z } from 'zod';

const ratio = z.number().min(0).max(1);
const ms = z.number().int();

const DiffWordSchema = z.object({ text: z.string(), startMs: ms, speaker: z.string() });

/** One place where B's words differ from A's. */
export const WordDifferenceSchema = z.object({
  kind: z.enum(['substitution', 'insertion', 'deletion']),
  a: DiffWordSchema.nullable(),
  b: DiffWordSchema.nullable(),
});
export type WordDifference = z.infer<typeof WordDifferenceSchema>;

/** How one text field of the two transcripts compares. */
export const FieldComparisonSchema = z.object({
  field: z.string(),
  /** exact: deterministic text, equal or not; loose: sampled LLM text, similarity only. */
  mode: z.enum(['exact', 'loose']),
  verdict: z.enum(['equal', 'differs']).nullable(),
  similarity: ratio,
});
export type FieldComparison = z.infer<typeof FieldComparisonSchema>;

const TopicsSideSchema = z.object({ count: z.number().int().nonnegative(), timestampsMs: z.array(ms) });

/**
 * What differs between transcript B and transcript A (the reference). Every
 * time is in whole milliseconds and every ratio rounded to 4 decimals, so the
 * same two transcripts always give the same JSON.
 */
export const ShadowComparisonSchema = z.object({
  /** Same words, speakers, word times, duration, topics and text fields. */
  identical: z.boolean(),
  words: z.object({
    a: z.number().int().nonnegative(),
    b: z.number().int().nonnegative(),
    wer: z.number().nonnegative(),
    substitutions: z.number().int().nonnegative(),
    insertions: z.number().int().nonnegative(),
    deletions: z.number().int().nonnegative(),
    matched: z.number().int().nonnegative(),
  }),
  speakers: z.object({
    /** Share of matched words attributed to the same participant; null with no matched word. */
    agreement: ratio.nullable(),
    mismatches: z.number().int().nonnegative(),
    participantsEqual: z.boolean(),
    byParticipant: z.array(z.object({ id: z.string(), name: z.string(), wordsA: z.number().int(), wordsB: z.number().int() })),
  }),
  timing: z.object({
    meanStartDeltaMs: ms.nullable(),
    maxStartDeltaMs: ms.nullable(),
    maxEndDeltaMs: ms.nullable(),
  }),
  duration: z.object({ aMs: ms, bMs: ms, differenceMs: ms }),
  topics: z.object({ a: TopicsSideSchema, b: TopicsSideSchema, sameTimestamps: z.boolean() }),
  fields: z.array(FieldComparisonSchema),
  differences: z.object({ shown: z.array(WordDifferenceSchema), total: z.number().int().nonnegative() }),
});
export type ShadowComparison = z.infer<typeof ShadowComparisonSchema>;
