import { parseAsrConfig, type AsrConfig } from '../asr/index.js';
import { EngineKind, type AppConfig } from '../config/app-config.js';
import { parseLlmConfig, type LlmConfig } from '../llm/index.js';

/** One of the two configurations a shadow run compares. */
export interface ShadowSide {
  readonly label: 'a' | 'b';
  readonly engine: EngineKind;
  readonly asr: AsrConfig;
  readonly llm: LlmConfig;
}

/** The `shadow` flags that choose what differs between the sides, each "<a>,<b>". */
export interface ShadowChoices {
  readonly engines?: string | undefined;
  readonly asr?: string | undefined;
  readonly llm?: string | undefined;
}

/** The flags do not describe two runnable configurations; the message says why. */
export class ShadowPlanError extends Error {
  override readonly name = 'ShadowPlanError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** "pocketsphinx:fast", "openai:whisper-1": what a side's recogniser is, in the flag's own terms. */
export function describeAsr(asr: AsrConfig): string {
  return asr.kind === 'pocketsphinx' ? `pocketsphinx:${asr.preset}` : `openai:${asr.model}`;
}

/** "extractive", "openai:llama3": what a side's summarizer is. */
export function describeLlm(llm: LlmConfig): string {
  return llm.kind === 'extractive' ? 'extractive' : `openai:${llm.model}`;
}

/** One line naming everything a side runs with. */
export function describeSide(side: ShadowSide): string {
  return `${side.engine} · ${describeAsr(side.asr)} · ${describeLlm(side.llm)}`;
}

function pair(flag: string, value: string): [string, string] {
  const parts = value.split(',').map((p) => p.trim());
  const [a, b] = parts;
  if (parts.length !== 2 || !a || !b) throw new ShadowPlanError(`--${flag} takes two values separated by a comma, got '${value}'`);
  return [a, b];
}

function parseEngine(value: string): EngineKind {
  if (value === EngineKind.embedded || value === EngineKind.conductor) return value;
  throw new ShadowPlanError(`--engines: '${value}' is not 'embedded' or 'conductor'`);
}

// Each choice is compiled by the same parser as the environment, with the choice's variables set.
function parseAsr(value: string, env: Env): AsrConfig {
  const [kind, variant] = value.split(':', 2);
  const overrides =
    kind === 'pocketsphinx'
      ? { POLYPHONY_ASR: kind, ...(variant ? { POLYPHONY_ASR_PRESET: variant } : {}) }
      : kind === 'openai'
        ? { POLYPHONY_ASR: kind, ...(variant ? { POLYPHONY_ASR_MODEL: variant } : {}) }
        : undefined;
  if (!overrides) throw new ShadowPlanError(`--asr: '${value}' is not pocketsphinx[:preset] or openai[:model]`);
  try {
    return parseAsrConfig({ ...env, ...overrides });
  } catch (error) {
    throw new ShadowPlanError(`--asr ${value}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseLlm(value: string, env: Env): LlmConfig {
  const [kind, model] = value.split(':', 2);
  if (kind !== 'extractive' && kind !== 'openai') throw new ShadowPlanError(`--llm: '${value}' is not extractive or openai[:model]`);
  try {
    return parseLlmConfig({ ...env, POLYPHONY_LLM: kind, ...(model ? { POLYPHONY_LLM_MODEL: model } : {}) });
  } catch (error) {
    throw new ShadowPlanError(`--llm ${value}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The two sides of a shadow run: the configured settings, with what the flags
 * name made different. With no flag, the embedded engine against Conductor
 * (when CONDUCTOR_SERVER_URL is set).
 */
export function planShadowSides(base: AppConfig, env: Env, choices: ShadowChoices): [ShadowSide, ShadowSide] {
  let engines = choices.engines;
  if (engines === undefined && choices.asr === undefined && choices.llm === undefined) {
    if (!base.conductorUrl) {
      throw new ShadowPlanError('nothing to compare: give --engines, --asr or --llm (the default, --engines embedded,conductor, needs CONDUCTOR_SERVER_URL)');
    }
    engines = 'embedded,conductor';
  }
  const engine = engines === undefined ? [base.engine, base.engine] : pair('engines', engines).map(parseEngine);
  const asr = choices.asr === undefined ? [base.asr, base.asr] : pair('asr', choices.asr).map((v) => parseAsr(v, env));
  const llm = choices.llm === undefined ? [base.llm, base.llm] : pair('llm', choices.llm).map((v) => parseLlm(v, env));
  if (engine.includes('conductor') && !base.conductorUrl) {
    throw new ShadowPlanError('a side on conductor needs CONDUCTOR_SERVER_URL (e.g. http://127.0.0.1:8080/api)');
  }
  const side = (label: 'a' | 'b', i: 0 | 1): ShadowSide => ({ label, engine: engine[i]!, asr: asr[i]!, llm: llm[i]! });
  return [side('a', 0), side('b', 1)];
}
