import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BlobStore } from '../blob-store.js';
import { BlobNotFoundError, TEMP_SEGMENT_PREFIX, validateBlobKey, validateBlobPrefix } from '../blob-key.js';
import { folderMissing, isMissing, listDirs, listFiles, removeEmptyDirs, syncDir } from './local-folder-ops.js';

/**
 * A BlobStore in a local folder: key `a/b/c.wav` is the file `<root>/a/b/c.wav`.
 * Writes go to a temporary file in the same folder, are fsynced and renamed over
 * the target, so readers and concurrent writers only ever see whole values.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly rootDir: string) {}

  async put(key: string, data: Buffer | string): Promise<void> {
    await this.#writeAtomically(key, async (tempPath) => {
      const file = await open(tempPath, 'wx');
      try {
        await file.writeFile(data);
        await file.sync();
      } finally {
        await file.close();
      }
    });
  }

  async putFile(key: string, path: string): Promise<void> {
    await this.#writeAtomically(key, async (tempPath) => {
      await copyFile(path, tempPath, constants.COPYFILE_EXCL);
      const file = await open(tempPath, 'r+');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
    });
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.#path(key));
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  /**
   * The stored file itself, no copy: callers must only read it. An S3 backend
   * would download the object into `scratchDir` and return that path.
   */
  async getFile(key: string, _scratchDir: string): Promise<string> {
    const path = this.#path(key);
    try {
      if (!(await stat(path)).isFile()) throw new BlobNotFoundError(key);
    } catch (error) {
      throw notFoundOr(error, key);
    }
    return path;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#path(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.#path(key));
    } catch (error) {
      // Deleting what is already gone is success: cleanup tasks may run twice.
      if (!isMissing(error)) throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    validateBlobPrefix(prefix);
    // Same meaning as an S3 prefix: "rec-1" also matches "rec-12/…". Only the folder
    // that holds the prefix's last segment can contain matches, so only it is walked.
    const parentKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const parentDir = join(this.rootDir, ...(parentKey === '' ? [] : parentKey.split('/')));
    const keyOf = (path: string): string => relative(this.rootDir, path).split(sep).join('/');
    for (const path of await listFiles(parentDir)) {
      if (keyOf(path).startsWith(prefix)) await rm(path, { force: true });
    }
    // Folders are local bookkeeping (S3 has none): prune the emptied ones inside the prefix, nothing else.
    const folders = [...(parentKey === '' ? [] : [parentDir]), ...(await listDirs(parentDir))];
    for (const dir of folders) {
      if (`${keyOf(dir)}/`.startsWith(prefix)) await removeEmptyDirs(dir);
    }
  }

  #path(key: string): string {
    return join(this.rootDir, ...validateBlobKey(key));
  }

  async #writeAtomically(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.#path(key);
    const dir = dirname(target);
    const tempPath = join(dir, `${TEMP_SEGMENT_PREFIX}${randomBytes(8).toString('hex')}`);
    // A concurrent deletePrefix may prune the folder between mkdir and the write: make it again.
    for (let attempt = 1; ; attempt++) {
      await mkdir(dir, { recursive: true });
      try {
        await write(tempPath);
        await rename(tempPath, target);
        break;
      } catch (error) {
        await rm(tempPath, { force: true });
        if (!(isMissing(error) && attempt < 3 && (await folderMissing(dir)))) throw error;
      }
    }
    await syncDir(dir);
  }
}

function notFoundOr(error: unknown, key: string): unknown {
  return isMissing(error) ? new BlobNotFoundError(key) : error;
}
