/** A blob key or prefix is malformed; the message names it. */
export class BlobKeyError extends Error {
  override readonly name = 'BlobKeyError';
}

/** No blob is stored under the key. */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`no blob stored under key "${key}"`);
  }
}

/** Segments starting with this are the local store's in-flight writes, never keys. */
export const TEMP_SEGMENT_PREFIX = '.tmp-';

/**
 * Checks that `key` is a relative '/'-separated path that stays inside the
 * store on every backend: no absolute paths, no `.`/`..` or empty segments,
 * no backslashes or NUL bytes. Returns its segments.
 */
export function validateBlobKey(key: string): string[] {
  const reject = (why: string): never => {
    throw new BlobKeyError(`invalid blob key ${JSON.stringify(key)}: ${why}`);
  };
  if (key === '') reject('it is empty');
  if (key.startsWith('/')) reject('it must be relative, not start with "/"');
  if (key.includes('\\')) reject('use "/" to separate segments, not "\\"');
  if (key.includes('\0')) reject('it contains a NUL byte');
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '') reject('it has an empty segment ("//" or a trailing "/")');
    if (segment === '.' || segment === '..') reject(`"${segment}" segments are not allowed`);
    if (segment.startsWith(TEMP_SEGMENT_PREFIX)) reject(`segments may not start with "${TEMP_SEGMENT_PREFIX}"`);
  }
  return segments;
}

/**
 * Checks a prefix for deletePrefix: like a key, but it may end with "/". An
 * empty prefix is refused, because it would delete every blob.
 */
export function validateBlobPrefix(prefix: string): void {
  if (prefix === '') throw new BlobKeyError('invalid blob prefix "": it would delete every blob');
  validateBlobKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
