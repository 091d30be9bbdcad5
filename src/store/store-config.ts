import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { maskDatabaseUrl } from './database-url.js';

/** Which database backs the TranscriptStore. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Where the store keeps its data, compiled from the environment once at start-up. */
export interface StoreConfig {
  database: DatabaseConfig;
  /** Root folder of the local BlobStore. */
  blobDir: string;
}

/** A configuration value is wrong; the message names the environment variable. */
export class StoreConfigError extends Error {
  override readonly name = 'StoreConfigError';
}

// An empty variable (common in .env files) means "not set".
const OptionalSetting = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const StoreEnvSchema = z.object({
  DATABASE_URL: OptionalSetting,
  POLYPHONY_HOME: OptionalSetting,
  POLYPHONY_BLOB_DIR: OptionalSetting,
});

/**
 * Reads DATABASE_URL (postgres://, postgresql:// or sqlite:///abs/path.db;
 * absent → SQLite at $POLYPHONY_HOME/polyphony.db), POLYPHONY_HOME (default
 * ~/.polyphony) and POLYPHONY_BLOB_DIR (default $POLYPHONY_HOME/blobs).
 */
export function parseStoreConfig(env: Readonly<Record<string, string | undefined>>): StoreConfig {
  const parsed = StoreEnvSchema.parse({
    DATABASE_URL: env['DATABASE_URL'],
    POLYPHONY_HOME: env['POLYPHONY_HOME'],
    POLYPHONY_BLOB_DIR: env['POLYPHONY_BLOB_DIR'],
  });
  const home = resolve(parsed.POLYPHONY_HOME ?? join(homedir(), '.polyphony'));
  return {
    database: parseDatabaseUrl(parsed.DATABASE_URL, home),
    blobDir: resolve(parsed.POLYPHONY_BLOB_DIR ?? join(home, 'blobs')),
  };
}

function parseDatabaseUrl(value: string | undefined, home: string): DatabaseConfig {
  if (value === undefined) return { kind: 'sqlite', path: join(home, 'polyphony.db') };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StoreConfigError(`DATABASE_URL is not a URL: ${maskDatabaseUrl(value)}`);
  }
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') {
    if (url.hostname === '' && !url.searchParams.has('host')) {
      throw new StoreConfigError(`DATABASE_URL has no host: ${maskDatabaseUrl(value)}`);
    }
    return { kind: 'postgres', url: value };
  }
  if (url.protocol === 'sqlite:') {
    // sqlite:///abs/path.db: an empty host and an absolute path, so there is no relative-path guessing.
    if (url.host !== '' || !value.startsWith('sqlite:///')) {
      throw new StoreConfigError(`DATABASE_URL must name an absolute SQLite path as sqlite:///abs/path.db, got ${value}`);
    }
    return { kind: 'sqlite', path: decodeURIComponent(url.pathname) };
  }
  throw new StoreConfigError(
    `DATABASE_URL must start with postgres://, postgresql:// or sqlite:///, got ${maskDatabaseUrl(value)}`,
  );
}
