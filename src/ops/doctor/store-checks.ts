import { randomUUID } from 'node:crypto';
import { migrationStatus, openBlobStore, type StoreConfig } from '../../store/index.js';
import { failed, guarded, passed, type DoctorCheck } from './doctor-check.js';

/** Where the database is, without a password. */
function databaseLabel(config: StoreConfig): string {
  const db = config.database;
  return db.kind === 'sqlite' ? `SQLite ${db.path}` : `PostgreSQL ${db.url.replace(/\/\/[^@/]*@/, '//***@')}`;
}

/**
 * The database answers and its migrations are known. Pending migrations are
 * fine (every process runs them when it opens the store); a database that
 * cannot be reached or read is not.
 */
export async function checkDatabase(config: StoreConfig): Promise<DoctorCheck> {
  const label = databaseLabel(config);
  const hint =
    config.database.kind === 'postgres'
      ? 'check DATABASE_URL and that PostgreSQL is running and accepts this user'
      : 'check that POLYPHONY_HOME (or DATABASE_URL) names a writable folder and the file is a Polyphony database';
  return guarded('database', hint, async () => {
    const states = await migrationStatus(config);
    const pending = states.filter((s) => s.status === 'Pending').length;
    const executed = states.length - pending;
    if (pending === 0) return passed('database', `${label}: reachable, ${executed} migration${executed === 1 ? '' : 's'} applied`);
    return passed('database', `${label}: ${executed} of ${states.length} migrations applied; the rest run when a command first opens it`);
  });
}

/** The blob store takes a write, gives it back, and deletes it. */
export async function checkBlobStore(config: StoreConfig): Promise<DoctorCheck> {
  const name = 'blob store';
  return guarded(name, `make ${config.blobDir} writable, or point POLYPHONY_BLOB_DIR at a writable folder`, async () => {
    const blobs = openBlobStore(config);
    const key = `doctor/probe-${randomUUID()}.txt`;
    const text = `polyphony doctor ${new Date().toISOString()}`;
    await blobs.put(key, text);
    try {
      const back = (await blobs.get(key)).toString('utf8');
      if (back !== text) return failed(name, `${config.blobDir}: read back something else than was written`, 'check the disk and the folder');
    } finally {
      await blobs.delete(key);
    }
    if (await blobs.exists(key)) return failed(name, `${config.blobDir}: a deleted probe is still there`, 'check the folder permissions');
    return passed(name, `${config.blobDir}: write, read and delete work`);
  });
}
