/**
 * Where bulky data lives (audio, word lists, topics): task I/O carries only keys.
 * Keys are '/'-separated relative paths such as `rec-123/tracks/0/aligned.wav`.
 * Writes are atomic: a reader sees the whole old value or the whole new one.
 */
export interface BlobStore {
  put(key: string, data: Buffer | string): Promise<void>;
  /** Stores the file at `path` under `key` (moves nothing; copies or uploads). */
  putFile(key: string, path: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** A local file path holding the blob, for tools like ffmpeg; `scratchDir` is used when a copy is needed. */
  getFile(key: string, scratchDir: string): Promise<string>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
}
