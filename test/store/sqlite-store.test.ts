import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseStoreConfig } from '../../src/store/store-config.js';
import { migrationStatus, openStore } from '../../src/store/store-open.js';

const writer = fileURLToPath(new URL('./fixtures/sqlite-writer.ts', import.meta.url));

interface Writer {
  ready: Promise<void>;
  done: Promise<string>;
  go(): void;
}

function startWriter(home: string, transcriptId: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, home, transcriptId], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(transcriptId) : reject(new Error(`writer ${transcriptId} exited ${code}:\n${stderr}`)),
    );
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('TranscriptStore on a SQLite file shared by processes', () => {
  it('migrates a fresh file once and lets concurrent writers all commit', async () => {
    const home = await mkdtemp(join(tmpdir(), 'polyphony-sqlite-'));
    try {
      // Two processes race to open (and so migrate) the same new file, then write in interleaved transactions.
      const writers = ['a', 'b'].map((id) => startWriter(home, id));
      await Promise.all(writers.map((w) => w.ready));
      for (const w of writers) w.go();
      const ids = await Promise.all(writers.map((w) => w.done));
      const config = parseStoreConfig({ POLYPHONY_HOME: home });
      const file = new Database(join(home, 'polyphony.db'), { readonly: true });
      assert.equal(file.pragma('journal_mode', { simple: true }), 'wal');
      file.close();
      assert.ok((await migrationStatus(config)).every((s) => s.status === 'Executed'));
      const store = await openStore(config);
      try {
        for (const id of ids) {
          assert.equal((await store.getTranscript(id))?.title, 'round 9');
          assert.equal((await store.listWords(id)).length, 500);
          assert.deepEqual(
            (await store.listEvents(id)).map((e) => e.data),
            Array.from({ length: 10 }, (_, round) => ({ round })),
          );
        }
        assert.deepEqual(
          (await store.listEvents('shared')).map((e) => (e.data as { transcriptId: string }).transcriptId).sort(),
          ['a', 'b'],
        );
      } finally {
        await store.close();
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
