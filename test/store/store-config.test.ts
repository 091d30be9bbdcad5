import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatabaseUnavailableError } from '../../src/store/postgres/postgres-database.js';
import { parseStoreConfig, StoreConfigError } from '../../src/store/store-config.js';
import { migrationStatus, openStore } from '../../src/store/store-open.js';

describe('parseStoreConfig', () => {
  it('defaults to SQLite and blobs under ~/.polyphony', () => {
    assert.deepEqual(parseStoreConfig({}), {
      database: { kind: 'sqlite', path: join(homedir(), '.polyphony', 'polyphony.db') },
      blobDir: join(homedir(), '.polyphony', 'blobs'),
    });
  });

  it('puts both under POLYPHONY_HOME, and treats an empty DATABASE_URL as unset', () => {
    assert.deepEqual(parseStoreConfig({ POLYPHONY_HOME: '/srv/poly', DATABASE_URL: '' }), {
      database: { kind: 'sqlite', path: '/srv/poly/polyphony.db' },
      blobDir: '/srv/poly/blobs',
    });
  });

  it('takes POLYPHONY_BLOB_DIR and a sqlite:/// URL as given', () => {
    assert.deepEqual(
      parseStoreConfig({ DATABASE_URL: 'sqlite:///var/lib/my%20db.sqlite', POLYPHONY_BLOB_DIR: '/data/blobs' }),
      { database: { kind: 'sqlite', path: '/var/lib/my db.sqlite' }, blobDir: '/data/blobs' },
    );
  });

  it('recognises both PostgreSQL schemes', () => {
    for (const url of ['postgres://u:p@db:5432/poly', 'postgresql://u@db/poly?sslmode=require']) {
      assert.deepEqual(parseStoreConfig({ DATABASE_URL: url, POLYPHONY_HOME: '/h' }).database, { kind: 'postgres', url });
    }
  });

  it('names DATABASE_URL and hides the password when the URL is unusable', () => {
    for (const url of ['mysql://root:hunter2@db/poly', 'sqlite://relative.db', 'not a url', 'postgres://u:hunter2@/poly']) {
      assert.throws(
        () => parseStoreConfig({ DATABASE_URL: url }),
        (error: unknown) =>
          error instanceof StoreConfigError && error.message.includes('DATABASE_URL') && !error.message.includes('hunter2'),
        url,
      );
    }
  });
});

describe('opening the configured database', () => {
  it('names DATABASE_URL, without the password, when PostgreSQL is unreachable', async () => {
    const port = await closedPort();
    const config = parseStoreConfig({ DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${port}/poly` });
    await assert.rejects(openStore(config), (error: unknown) => {
      assert.ok(error instanceof DatabaseUnavailableError);
      assert.match(error.message, /DATABASE_URL=postgres:\/\/app:\*\*\*@127\.0\.0\.1/);
      assert.match(error.message, /ECONNREFUSED/);
      assert.doesNotMatch(error.message, /s3cret-pw/);
      return true;
    });
  });

  it('creates the SQLite folder on open, but migrationStatus does not create the file', async () => {
    const home = await mkdtemp(join(tmpdir(), 'polyphony-config-'));
    try {
      const config = parseStoreConfig({ POLYPHONY_HOME: join(home, 'nested', 'home') });
      assert.ok((await migrationStatus(config)).every((s) => s.status === 'Pending'));
      assert.equal(existsSync(join(home, 'nested')), false);
      const store = await openStore(config);
      await store.close();
      assert.ok(existsSync(join(home, 'nested', 'home', 'polyphony.db')));
      assert.ok((await migrationStatus(config)).every((s) => s.status === 'Executed'));
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

/** A port nothing listens on (briefly bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
