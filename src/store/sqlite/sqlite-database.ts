import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreDatabase } from '../database-schema.js';

/**
 * How long a writer waits for another process's write lock before SQLITE_BUSY:
 * the API server, the CLI and workers may share one file.
 */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating folder and file) a SQLite database in WAL mode. */
export function openSqliteDatabase(path: string): Kysely<StoreDatabase> {
  mkdirSync(dirname(path), { recursive: true });
  return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: connectSqlite(path, false) }) });
}

/** Opens an existing SQLite database, or returns undefined when the file does not exist. */
export function openExistingSqliteDatabase(path: string): Kysely<StoreDatabase> | undefined {
  try {
    return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: connectSqlite(path, true) }) });
  } catch (error) {
    if (error instanceof Error && /unable to open|does not exist/i.test(error.message)) return undefined;
    throw error;
  }
}

function connectSqlite(path: string, fileMustExist: boolean): Database.Database {
  const db = new Database(path, { fileMustExist });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers (the API) run while a worker writes; NORMAL sync is durable across crashes in WAL mode.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
