import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../store-dialect.js';

/** Transcripts and everything hanging off them; see database-schema.ts for the row types. */
export function initialSchema(dialect: StoreDialect): Migration {
  return {
    // Kysely<any> is what the Migrator hands over: migrations must not depend on today's row types.
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('transcripts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'text')
        .addColumn('duration_ms', 'double precision')
        .addColumn('title', 'text')
        .addColumn('short_summary', 'text')
        .addColumn('long_summary', 'text')
        .addColumn('action_items', dialect.jsonType)
        .addColumn('audio_deleted', dialect.booleanType, (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // No foreign keys to transcripts: tasks run at least once and in any order,
      // so a child set may be written before its transcript row exists.
      await db.schema
        .createTable('participants')
        .addColumn('transcript_id', 'text', (c) => c.notNull())
        .addColumn('speaker', 'integer', (c) => c.notNull())
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('consent', dialect.booleanType, (c) => c.notNull())
        .addPrimaryKeyConstraint('participants_pk', ['transcript_id', 'speaker'])
        .execute();

      await db.schema
        .createTable('words')
        .addColumn('transcript_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('start', 'double precision', (c) => c.notNull())
        .addColumn('end', 'double precision', (c) => c.notNull())
        .addColumn('speaker', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('words_pk', ['transcript_id', 'idx'])
        .execute();

      await db.schema
        .createTable('topics')
        .addColumn('transcript_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'double precision', (c) => c.notNull())
        .addColumn('duration', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('topics_pk', ['transcript_id', 'idx'])
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('seq', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
        .addColumn('transcript_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', dialect.jsonType, (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_dedupe_key_unique', ['transcript_id', 'dedupe_key'])
        .execute();
      await db.schema.createIndex('events_transcript_seq').on('events').columns(['transcript_id', 'seq']).execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('transcript_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deliveries_pk', ['transcript_id', 'channel'])
        .execute();
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['deliveries', 'events', 'topics', 'words', 'participants', 'transcripts']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
