import type { ColumnDefinitionBuilder, Transaction } from 'kysely';
import type { StoreDatabase } from './database-schema.js';

/**
 * What differs between the SQL backends, as capabilities; everything else in
 * src/store is dialect-agnostic. Migrations and the store both take one.
 */
export interface StoreDialect {
  /** Column type for JSON documents. */
  readonly jsonType: 'jsonb' | 'text';
  /** Column type for booleans. */
  readonly booleanType: 'boolean' | 'integer';
  /** Column type for an ever-increasing integer key filled in by the database. */
  readonly serialType: 'serial' | 'integer';
  /** Completes the definition of a `serialType` primary key column. */
  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  encodeBoolean(value: boolean): boolean | number;
  decodeBoolean(raw: unknown): boolean;
  /** Turns a JSON column value, as the driver returns it, back into a JSON value. */
  decodeJson(raw: unknown): unknown;
  /**
   * Serialises transactions that replace the same set (`scope`), so two
   * concurrent re-runs end with one whole set instead of a key conflict.
   */
  lockSet(trx: Transaction<StoreDatabase>, scope: string): Promise<void>;
}
