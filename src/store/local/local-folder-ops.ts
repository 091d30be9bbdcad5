// Folder operations the local BlobStore is built from; each tolerates a missing path
// where that is the expected outcome of a concurrent delete.
import { open, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_SEGMENT_PREFIX } from '../blob-key.js';

/** Whether `dir` is gone (a concurrent prune). */
export async function folderMissing(dir: string): Promise<boolean> {
  try {
    await stat(dir);
    return false;
  } catch (error) {
    if (isMissing(error)) return true;
    throw error;
  }
}

/** Makes the rename itself durable: without it a crash can forget the new directory entry. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every file under `dir` except in-flight temporary files; nothing when `dir` is missing. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith(TEMP_SEGMENT_PREFIX))
    .map((e) => join(e.parentPath, e.name));
}

/** Every folder directly inside `dir`; nothing when `dir` is missing. */
export async function listDirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Removes `dir` and the folders under it that are (or become) empty. */
export async function removeEmptyDirs(dir: string): Promise<void> {
  for (const child of await listDirs(dir)) await removeEmptyDirs(child);
  try {
    await rmdir(dir);
  } catch (error) {
    // Not empty (other keys, or a concurrent write landed), or already gone: keep going.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
  }
}

/** The error says the path (or a folder on it) does not exist. */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
