import { z } from 'zod';
import { POCKETSPHINX_PRESET_NAMES, type PocketsphinxPreset } from './pocketsphinx/pocketsphinx-presets.js';

const positiveInt = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive');

const KindSchema = z.object({
  POLYPHONY_ASR: z.enum(['pocketsphinx', 'openai'], { error: 'must be "pocketsphinx" or "openai"' }).default('pocketsphinx'),
  POLYPHONY_ASR_CONCURRENCY: positiveInt.optional(),
});

const PocketsphinxEnvSchema = z.object({
  POLYPHONY_ASR_PRESET: z
    .enum(POCKETSPHINX_PRESET_NAMES, { error: `must be one of ${POCKETSPHINX_PRESET_NAMES.map((p) => `"${p}"`).join(', ')}` })
    .default('fast'),
});

const OpenAiEnvSchema = z.object({
  POLYPHONY_ASR_URL: z
    .string({ error: 'required when POLYPHONY_ASR=openai (base URL including /v1, e.g. http://localhost:8000/v1)' })
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  POLYPHONY_ASR_MODEL: z.string().default('whisper-1'),
  POLYPHONY_ASR_API_KEY: z.string().optional(),
  POLYPHONY_ASR_LANGUAGE: z.string().regex(/^[a-z]{2,3}$/i, 'must be an ISO-639-1 code such as "en"').optional(),
  // Long clips on a CPU-only whisper server take minutes.
  POLYPHONY_ASR_TIMEOUT_MS: positiveInt.default(120_000),
});

/** Which recogniser to build, compiled from the environment. */
export type AsrConfig =
  | { readonly kind: 'pocketsphinx'; readonly preset: PocketsphinxPreset; readonly maxConcurrency?: number }
  | {
      readonly kind: 'openai';
      readonly url: string;
      readonly model: string;
      readonly apiKey?: string;
      readonly language?: string;
      readonly timeoutMs: number;
      readonly maxConcurrency: number;
    };

/** Reads POLYPHONY_ASR and POLYPHONY_ASR_*; throws an error naming each variable at fault. */
export function parseAsrConfig(env: Readonly<Record<string, string | undefined>>): AsrConfig {
  // Blank counts as unset, as most shells and .env files mean it.
  const set = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''));
  const kind = KindSchema.safeParse(set);
  if (!kind.success) throw configError(kind.error);
  const concurrency = kind.data.POLYPHONY_ASR_CONCURRENCY;
  if (kind.data.POLYPHONY_ASR === 'pocketsphinx') {
    const parsed = PocketsphinxEnvSchema.safeParse(set);
    if (!parsed.success) throw configError(parsed.error);
    return {
      kind: 'pocketsphinx',
      preset: parsed.data.POLYPHONY_ASR_PRESET,
      ...(concurrency === undefined ? {} : { maxConcurrency: concurrency }),
    };
  }
  const parsed = OpenAiEnvSchema.safeParse(set);
  if (!parsed.success) throw configError(parsed.error);
  const e = parsed.data;
  return {
    kind: 'openai',
    url: e.POLYPHONY_ASR_URL,
    model: e.POLYPHONY_ASR_MODEL,
    ...(e.POLYPHONY_ASR_API_KEY === undefined ? {} : { apiKey: e.POLYPHONY_ASR_API_KEY }),
    ...(e.POLYPHONY_ASR_LANGUAGE === undefined ? {} : { language: e.POLYPHONY_ASR_LANGUAGE.toLowerCase() }),
    timeoutMs: e.POLYPHONY_ASR_TIMEOUT_MS,
    maxConcurrency: concurrency ?? 4,
  };
}

function configError(error: z.ZodError): Error {
  return new Error(`invalid ASR configuration: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
