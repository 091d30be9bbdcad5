import { z } from 'zod';
import type { StoreDialect } from '../store-dialect.js';

const SqliteBoolean = z.union([z.literal(0), z.literal(1)]);

/** SQLite: JSON as text, booleans as 0/1, AUTOINCREMENT so a deleted seq is never reused. */
export const sqliteStoreDialect: StoreDialect = {
  jsonType: 'text',
  booleanType: 'integer',
  serialType: 'integer',
  serialPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  encodeBoolean: (value) => (value ? 1 : 0),
  decodeBoolean: (raw) => SqliteBoolean.parse(raw) === 1,
  decodeJson: (raw) => JSON.parse(z.string().parse(raw)) as unknown,
  // Every write transaction begins immediate, holding the one database write lock already.
  lockSet: async () => {},
};
