// The databases the store contract suite runs against: a temp SQLite file
// always, PostgreSQL when TEST_DATABASE_URL is set. Every case gets a fresh
// database (a new file, or a new PostgreSQL database) so cases and parallel
// runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../src/store/store-config.js';

export interface FreshDatabase {
  config: StoreConfig;
  dispose(): Promise<void>;
}

export interface StoreBackend {
  name: string;
  /** Set when the leg must be skipped; shown as the skip reason. */
  skip?: string;
  /** Set when the leg is required but cannot run: the suite fails with this. */
  unavailable?: string;
  openFresh(): Promise<FreshDatabase>;
}

const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  async openFresh() {
    const dir = await mkdtemp(join(tmpdir(), 'polyphony-store-'));
    return {
      config: { database: { kind: 'sqlite', path: join(dir, 'polyphony.db') }, blobDir: join(dir, 'blobs') },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

function postgresBackend(env: NodeJS.ProcessEnv): StoreBackend {
  const adminUrl = env['TEST_DATABASE_URL'];
  const notSet = 'TEST_DATABASE_URL is not set (node scripts/services/postgres.mjs run -- npm test -- test/store)';
  const base: Pick<StoreBackend, 'name'> = { name: 'PostgreSQL' };
  if (adminUrl === undefined || adminUrl === '') {
    const unusable = async (): Promise<FreshDatabase> => {
      throw new Error(notSet);
    };
    return env['POLYPHONY_REQUIRE_SERVICES'] === '1'
      ? { ...base, unavailable: `${notSet}, and POLYPHONY_REQUIRE_SERVICES=1 requires PostgreSQL`, openFresh: unusable }
      : { ...base, skip: notSet, openFresh: unusable };
  }
  return {
    ...base,
    async openFresh() {
      const name = `polyphony_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { database: { kind: 'postgres', url: url.toString() }, blobDir: join(tmpdir(), name) },
        dispose: async () => {
          await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
        },
      };
    },
  };
}

async function withAdmin<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** SQLite, then PostgreSQL (possibly skipped or marked unavailable). */
export function storeBackends(env: NodeJS.ProcessEnv = process.env): StoreBackend[] {
  return [sqliteBackend, postgresBackend(env)];
}
