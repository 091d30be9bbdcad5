import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../runtime/logger.js';
import type { StoreDatabase } from '../database-schema.js';
import { maskDatabaseUrl } from '../database-url.js';

/** The database cannot be reached; the message names DATABASE_URL with the password masked. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Opens a pool on `url` and proves it with one round trip, so a bad URL fails here and not mid-task. */
export async function openPostgresDatabase(url: string, log: Logger): Promise<Kysely<StoreDatabase>> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 10 });
  // Without a listener, an idle client dropped by a server restart would crash the process.
  pool.on('error', (error) => log.warn('idle PostgreSQL connection failed', { error: error.message }));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at DATABASE_URL=${maskDatabaseUrl(url)}: ${describe(error)}`, {
      cause: error,
    });
  }
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

// Node reports a refused localhost connection as an AggregateError with an empty message.
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message !== '' ? error.message : String((error as { code?: unknown }).code);
  return String(error);
}
