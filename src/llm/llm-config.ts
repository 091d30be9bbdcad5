import { z } from 'zod';
import { createExtractiveSummarizer } from './extractive/index.js';
import { createOpenAiSummarizer } from './openai/index.js';
import type { Summarizer } from './summarizer.js';

const KindSchema = z.object({
  POLYPHONY_LLM: z.enum(['extractive', 'openai'], { error: 'must be "extractive" or "openai"' }).default('extractive'),
});

const required = (name: string) =>
  z.string({ error: `required when POLYPHONY_LLM=openai` }).trim().min(1, `${name} must not be empty`);

const OpenAiEnvSchema = z.object({
  POLYPHONY_LLM_URL: required('the URL').pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  POLYPHONY_LLM_MODEL: required('the model name'),
  POLYPHONY_LLM_API_KEY: z.string().trim().min(1).optional(),
  // Local models on a CPU can take minutes for a long prompt.
  POLYPHONY_LLM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive').default(120_000),
  POLYPHONY_LLM_TEMPERATURE: z.coerce.number({ error: 'must be a number' }).min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').default(0.2),
  POLYPHONY_LLM_CONTEXT_TOKENS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(2048, 'must be at least 2048').default(8192),
});

/** Which summarizer to build, compiled from the environment. */
export type LlmConfig =
  | { readonly kind: 'extractive' }
  | {
      readonly kind: 'openai';
      readonly url: string;
      readonly model: string;
      readonly apiKey?: string;
      readonly timeoutMs: number;
      readonly temperature: number;
      readonly contextTokens: number;
    };

/** Reads POLYPHONY_LLM and POLYPHONY_LLM_*; throws an error naming each variable at fault. */
export function parseLlmConfig(env: Record<string, string | undefined>): LlmConfig {
  // Blank counts as unset, as most shells and .env files mean it.
  const set = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''));
  const kind = KindSchema.safeParse(set);
  if (!kind.success) throw configError(kind.error);
  if (kind.data.POLYPHONY_LLM === 'extractive') return { kind: 'extractive' };
  const parsed = OpenAiEnvSchema.safeParse(set);
  if (!parsed.success) throw configError(parsed.error);
  const e = parsed.data;
  return {
    kind: 'openai',
    url: e.POLYPHONY_LLM_URL,
    model: e.POLYPHONY_LLM_MODEL,
    ...(e.POLYPHONY_LLM_API_KEY === undefined ? {} : { apiKey: e.POLYPHONY_LLM_API_KEY }),
    timeoutMs: e.POLYPHONY_LLM_TIMEOUT_MS,
    temperature: e.POLYPHONY_LLM_TEMPERATURE,
    contextTokens: e.POLYPHONY_LLM_CONTEXT_TOKENS,
  };
}

/** The summarizer the configuration names. */
export function createSummarizer(config: LlmConfig): Summarizer {
  switch (config.kind) {
    case 'extractive':
      return createExtractiveSummarizer();
    case 'openai': {
      const { kind: _kind, ...options } = config;
      return createOpenAiSummarizer(options);
    }
  }
}

function configError(error: z.ZodError): Error {
  return new Error(`invalid LLM configuration: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
