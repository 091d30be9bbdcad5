import type { ColumnDefinitionBuilder } from 'kysely';

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
}
