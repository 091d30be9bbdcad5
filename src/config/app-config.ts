import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAsrConfig, type AsrConfig } from '../asr/index.js';
import { parseDeliveryConfig } from '../delivery/delivery-config.js';
import { parseLlmConfig, type LlmConfig } from '../llm/index.js';
import { parseStoreConfig, type StoreConfig } from '../store/index.js';
import type { DeliverySettings } from '../tasks/task-context.js';

/** Which runtime executes the workflow. */
export const EngineKind = { embedded: 'embedded', conductor: 'conductor' } as const;
export type EngineKind = (typeof EngineKind)[keyof typeof EngineKind];

/** Every setting of a Polyphony process, compiled once at start-up. */
export interface AppConfig {
  home: string;
  engine: EngineKind;
  conductorUrl: string | undefined;
  asr: AsrConfig;
  llm: LlmConfig;
  store: StoreConfig;
  delivery: DeliverySettings;
}

/** A setting is wrong; the message lists every problem, each naming its variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the whole configuration from the environment, reporting all problems at once. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const engine = env['POLYPHONY_ENGINE'] ?? 'embedded';
  if (engine !== 'embedded' && engine !== 'conductor') {
    problems.push(`POLYPHONY_ENGINE must be 'embedded' or 'conductor', got '${engine}'`);
  }
  const conductorUrl = env['CONDUCTOR_SERVER_URL'] || undefined;
  if (engine === 'conductor' && !conductorUrl) problems.push('CONDUCTOR_SERVER_URL is required when POLYPHONY_ENGINE=conductor');
  const asr = attempt(() => parseAsrConfig(env));
  const llm = attempt(() => parseLlmConfig(env));
  const store = attempt(() => parseStoreConfig(env));
  const delivery = attempt(() => parseDeliveryConfig({ ...env }));
  if (problems.length > 0 || !asr || !llm || !store || !delivery) {
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return {
    home: resolve(env['POLYPHONY_HOME'] || join(homedir(), '.polyphony')),
    engine: engine as EngineKind,
    conductorUrl,
    asr,
    llm,
    store,
    delivery,
  };
}
