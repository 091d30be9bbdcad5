import type { z } from 'zod';
import { formatIssues } from '../domain/zod-issues.js';
import type { BlobStore } from '../store/blob-store.js';

/** Reads a JSON blob and rebuilds it with `schema`; a bad blob names its key. */
export async function readJsonBlob<S extends z.ZodType>(blobs: BlobStore, key: string, schema: S): Promise<z.infer<S>> {
  const text = (await blobs.get(key)).toString('utf8');
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`blob ${key}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Writes a value as a JSON blob. */
export async function writeJsonBlob(blobs: BlobStore, key: string, value: unknown): Promise<void> {
  await blobs.put(key, JSON.stringify(value));
}
