import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BlobKeyError, BlobNotFoundError } from '../../src/store/blob-key.js';
import { LocalBlobStore } from '../../src/store/local/local-blob-store.js';

/** Every file under `dir`, as '/'-separated paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('LocalBlobStore', () => {
  let dir: string;
  let root: string;
  let blobs: LocalBlobStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polyphony-blobs-'));
    root = join(dir, 'root');
    blobs = new LocalBlobStore(root);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores strings and buffers under nested keys and reads them back', async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 10, 13]);
    await blobs.put('rec-1/tracks/0/aligned.wav', bytes);
    await blobs.put('rec-1/words.json', '{"text":"grüß"}');
    assert.deepEqual(await blobs.get('rec-1/tracks/0/aligned.wav'), bytes);
    assert.equal((await blobs.get('rec-1/words.json')).toString('utf8'), '{"text":"grüß"}');
    await blobs.put('rec-1/words.json', 'replaced');
    assert.equal((await blobs.get('rec-1/words.json')).toString(), 'replaced');
    assert.deepEqual(await filesUnder(root), ['rec-1/tracks/0/aligned.wav', 'rec-1/words.json']);
  });

  it('copies a file in with putFile and leaves the source in place', async () => {
    const source = join(dir, 'input.webm');
    await writeFile(source, 'audio bytes');
    await blobs.putFile('rec-1/source.webm', source);
    await writeFile(source, 'changed later');
    assert.equal((await blobs.get('rec-1/source.webm')).toString(), 'audio bytes');
  });

  it('getFile returns the stored file itself, copying nothing into the scratch dir', async () => {
    const scratch = join(dir, 'scratch');
    await blobs.put('rec-1/mix.mp3', 'mp3');
    const path = await blobs.getFile('rec-1/mix.mp3', scratch);
    assert.equal(path, join(root, 'rec-1', 'mix.mp3'));
    assert.equal(await readFile(path, 'utf8'), 'mp3');
    assert.equal(existsSync(scratch), false);
    await assert.rejects(blobs.getFile('rec-1/missing.mp3', scratch), BlobNotFoundError);
  });

  it('reports missing keys, and deleting twice is fine', async () => {
    assert.equal(await blobs.exists('a/b'), false);
    await assert.rejects(blobs.get('a/b'), (e: unknown) => e instanceof BlobNotFoundError && e.message.includes('"a/b"'));
    await blobs.put('a/b', 'x');
    assert.equal(await blobs.exists('a/b'), true);
    assert.equal(await blobs.exists('a'), false, 'a folder is not a blob');
    await blobs.delete('a/b');
    await blobs.delete('a/b');
    assert.equal(await blobs.exists('a/b'), false);
  });

  it('deletePrefix deletes exactly the keys that start with the prefix', async () => {
    for (const key of ['rec-1/a.wav', 'rec-1/tracks/0.wav', 'rec-12/a.wav', 'rec-2/a.wav', 'rec-1.json']) {
      await blobs.put(key, key);
    }
    await blobs.deletePrefix('rec-1/');
    assert.deepEqual(await filesUnder(root), ['rec-1.json', 'rec-12/a.wav', 'rec-2/a.wav']);
    assert.equal(existsSync(join(root, 'rec-1')), false, 'emptied folders are removed');
    await blobs.deletePrefix('rec-1');
    assert.deepEqual(await filesUnder(root), ['rec-2/a.wav'], 'a prefix need not end at a "/"');
    await blobs.deletePrefix('nothing-here/');
    await blobs.put('keep/x', 'x');
    await blobs.delete('keep/x');
    await blobs.deletePrefix('rec-2/');
    assert.equal(existsSync(join(root, 'keep')), true, 'empty folders outside the prefix are left alone');
    await assert.rejects(blobs.deletePrefix(''), BlobKeyError);
    assert.deepEqual(await filesUnder(root), []);
  });

  it('rejects keys that could escape the folder or are malformed, naming the key', async () => {
    const outside = join(dir, 'escaped');
    const bad = ['../escaped', 'a/../../escaped', '/etc/passwd', outside, 'a//b', 'a/', './a', 'a\\..\\b', '', 'a/.tmp-1', 'x\0y'];
    for (const key of bad) {
      await assert.rejects(
        blobs.put(key, 'nope'),
        (e: unknown) => e instanceof BlobKeyError && e.message.includes(JSON.stringify(key)),
        JSON.stringify(key),
      );
      await assert.rejects(blobs.get(key), BlobKeyError);
      await assert.rejects(blobs.delete(key), BlobKeyError);
    }
    await assert.rejects(blobs.deletePrefix('../'), BlobKeyError);
    assert.equal(existsSync(outside), false);
    assert.equal(existsSync(root), false, 'nothing was written at all');
  });

  it('concurrent puts of one key leave one whole value and no temporary files', async () => {
    const size = 1 << 20;
    const values = Array.from({ length: 12 }, (_, i) => Buffer.alloc(size, i + 1));
    await Promise.all(values.map((v) => blobs.put('rec-1/big.bin', v)));
    const got = await blobs.get('rec-1/big.bin');
    assert.equal(got.length, size);
    const first = got[0];
    assert.ok(first !== undefined && first >= 1 && first <= values.length);
    assert.ok(got.equals(Buffer.alloc(size, first)), 'the value is one writer\'s, not a mix');
    assert.deepEqual(await filesUnder(root), ['rec-1/big.bin']);
  });

  it('a failed putFile leaves neither the key nor a temporary file', async () => {
    await assert.rejects(blobs.putFile('rec-1/x.wav', join(dir, 'does-not-exist.wav')));
    assert.equal(await blobs.exists('rec-1/x.wav'), false);
    assert.deepEqual(await filesUnder(root), []);
  });
});
