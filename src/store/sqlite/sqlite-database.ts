import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { StoreDatabase } from '../database-schema.js';
import { StoreSqliteDialect } from './sqlite-kysely-dialect.js';

/**
 * How long a writer waits for another process's write lock before SQLITE_BUSY:
 * the API server, the CLI and workers may share one file. better-sqlite3 is
 * synchronous, so the wait blocks this thread: within one process share one
 * store rather than opening two on the same file.
 */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating folder and file) a SQLite database in WAL mode. */
export function openSqliteDatabase(path: string): Kysely<StoreDatabase> {
  mkdirSync(dirname(path), { recursive: true });
  return new Kysely<StoreDatabase>({ dialect: new StoreSqliteDialect(connectSqlite(path, false)) });
}

/** Opens an existing SQLite database, or returns undefined when the file does not exist. */
export function openExistingSqliteDatabase(path: string): Kysely<StoreDatabase> | undefined {
  if (!existsSync(path)) return undefined;
  return new Kysely<StoreDatabase>({ dialect: new StoreSqliteDialect(connectSqlite(path, true)) });
}

function connectSqlite(path: string, fileMustExist: boolean): Database.Database {
  const db = new Database(path, { fileMustExist });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers (the API) run while a worker writes; NORMAL sync is durable across crashes in WAL mode.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
