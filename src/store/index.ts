export type { BlobStore } from './blob-store.js';
export { BlobKeyError, BlobNotFoundError } from './blob-key.js';
export { LocalBlobStore } from './local/local-blob-store.js';
export { DatabaseUnavailableError } from './postgres/postgres-database.js';
export { parseStoreConfig, StoreConfigError, type DatabaseConfig, type StoreConfig } from './store-config.js';
export { migrationStatus, openBlobStore, openStore, type OpenStoreOptions } from './store-open.js';
export type { MigrationState } from './store-migrator.js';
export {
  EventType,
  TranscriptStatus,
  type TranscriptEvent,
  type TranscriptFields,
  type TranscriptRecord,
  type TranscriptStore,
} from './transcript-store.js';
