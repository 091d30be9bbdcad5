import { join } from 'node:path';
import { homedir } from 'node:os';
import { ConductorClient } from '../conductor/index.js';
import { conductorRunSource } from './conductor-run-source.js';
import { openEmbeddedRunSource } from './embedded-run-source.js';
import type { RunSource } from './run-source.js';

/** Which runtime's records to read. */
export type RunSourceKind = 'embedded' | 'conductor';

/**
 * The sources to look in, in order: `--engine`, else POLYPHONY_ENGINE, names
 * one; otherwise the embedded engine, then the Conductor server when one
 * is given or CONDUCTOR_SERVER_URL is set (a run id is unique, so the first that knows it wins).
 */
export function runSourceKinds(flag: string | undefined, env: NodeJS.ProcessEnv, server?: string): RunSourceKind[] {
  const chosen = flag ?? env['POLYPHONY_ENGINE'];
  if (chosen === undefined || chosen === '') return server || env['CONDUCTOR_SERVER_URL'] ? ['embedded', 'conductor'] : ['embedded'];
  if (chosen !== 'embedded' && chosen !== 'conductor') throw new Error(`engine must be 'embedded' or 'conductor', got '${chosen}'`);
  return [chosen];
}

/** The Conductor base URL: an explicit one, else CONDUCTOR_SERVER_URL, else the local default. */
export function conductorUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env['CONDUCTOR_SERVER_URL'] ?? 'http://127.0.0.1:8080/api';
}

/** Opens the source of recorded runs; the caller closes it. */
export function openRunSource(kind: RunSourceKind, options: { server?: string | undefined; env: NodeJS.ProcessEnv }): RunSource {
  if (kind === 'conductor') return conductorRunSource(new ConductorClient({ baseUrl: conductorUrl(options.server, options.env) }));
  const home = options.env['POLYPHONY_HOME'] || join(homedir(), '.polyphony');
  return openEmbeddedRunSource(join(home, 'engine.db'));
}
