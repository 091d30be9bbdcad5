import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialSchema } from './migrations/0001-initial-schema.js';
import type { StoreDialect } from './store-dialect.js';

/** Every migration, defined in code so it ships in dist; names sort in the order they run. */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial-schema': initialSchema(dialect),
  };
}

/** One migration and whether this database has run it. */
export interface MigrationState {
  name: string;
  status: 'Executed' | 'Pending';
  /** ISO-8601, when executed. */
  executedAt: string | null;
}

/** Kysely's Migrator over the in-code migrations. */
export function createStoreMigrator(db: Kysely<any>, dialect: StoreDialect): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => storeMigrations(dialect) };
  return new Migrator({ db, provider });
}

/** Runs pending migrations; throws naming the migration that failed. */
export async function migrateStore(db: Kysely<any>, dialect: StoreDialect): Promise<void> {
  const { error, results } = await createStoreMigrator(db, dialect).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  const detail = error instanceof Error ? error.message : String(error);
  throw new Error(`database migration ${failed ?? '(setup)'} failed: ${detail}`, { cause: error });
}

/** The state of every known migration in this database. */
export async function readMigrationStates(db: Kysely<any>, dialect: StoreDialect): Promise<MigrationState[]> {
  const infos = await createStoreMigrator(db, dialect).getMigrations();
  return infos.map((info) => ({
    name: info.name,
    status: info.executedAt === undefined ? 'Pending' : 'Executed',
    executedAt: info.executedAt?.toISOString() ?? null,
  }));
}

/** Every migration as pending, for a database that does not exist yet. */
export function pendingMigrationStates(dialect: StoreDialect): MigrationState[] {
  return Object.keys(storeMigrations(dialect))
    .sort()
    .map((name) => ({ name, status: 'Pending', executedAt: null }));
}
