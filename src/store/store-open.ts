import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../runtime/clock.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import type { BlobStore } from './blob-store.js';
import type { StoreDatabase } from './database-schema.js';
import { KyselyTranscriptStore } from './kysely-transcript-store.js';
import { LocalBlobStore } from './local/local-blob-store.js';
import { openPostgresDatabase } from './postgres/postgres-database.js';
import { postgresStoreDialect } from './postgres/postgres-store-dialect.js';
import { openExistingSqliteDatabase, openSqliteDatabase } from './sqlite/sqlite-database.js';
import { sqliteStoreDialect } from './sqlite/sqlite-store-dialect.js';
import type { DatabaseConfig, StoreConfig } from './store-config.js';
import type { StoreDialect } from './store-dialect.js';
import {
  migrateStore,
  pendingMigrationStates,
  readMigrationStates,
  type MigrationState,
} from './store-migrator.js';
import type { TranscriptStore } from './transcript-store.js';

export interface OpenStoreOptions {
  clock?: Clock;
  log?: Logger;
}

interface Connection {
  db: Kysely<StoreDatabase>;
  dialect: StoreDialect;
}

/** The one place a backend is picked from configuration. */
async function connect(config: DatabaseConfig, log: Logger): Promise<Connection> {
  switch (config.kind) {
    case 'sqlite':
      return { db: openSqliteDatabase(config.path), dialect: sqliteStoreDialect };
    case 'postgres':
      return { db: await openPostgresDatabase(config.url, log), dialect: postgresStoreDialect };
  }
}

/** Opens the TranscriptStore, running pending migrations first; the caller closes it. */
export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<TranscriptStore> {
  const { db, dialect } = await connect(config.database, options.log ?? silentLogger);
  try {
    await migrateStore(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyTranscriptStore(db, dialect, options.clock ?? systemClock);
}

/** Opens the BlobStore (a local folder today). */
export function openBlobStore(config: StoreConfig): BlobStore {
  return new LocalBlobStore(config.blobDir);
}

/** Which migrations the configured database has run, without running any or creating a SQLite file. */
export async function migrationStatus(config: StoreConfig, options: OpenStoreOptions = {}): Promise<MigrationState[]> {
  const connection = await connectExisting(config.database, options.log ?? silentLogger);
  if (connection === undefined) return pendingMigrationStates(sqliteStoreDialect);
  return withDatabase(connection, readMigrationStates);
}

/** Like connect, but undefined instead of creating a database that does not exist yet. */
async function connectExisting(config: DatabaseConfig, log: Logger): Promise<Connection | undefined> {
  switch (config.kind) {
    case 'sqlite': {
      const db = openExistingSqliteDatabase(config.path);
      return db === undefined ? undefined : { db, dialect: sqliteStoreDialect };
    }
    case 'postgres':
      return connect(config, log);
  }
}

async function withDatabase<T>(
  { db, dialect }: Connection,
  use: (db: Kysely<any>, dialect: StoreDialect) => Promise<T>,
): Promise<T> {
  try {
    return await use(db, dialect);
  } finally {
    await db.destroy();
  }
}
