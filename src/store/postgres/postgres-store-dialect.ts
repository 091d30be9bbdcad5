import { z } from 'zod';
import type { StoreDialect } from '../store-dialect.js';

/** PostgreSQL: `jsonb` (the driver parses it on read), native booleans, `serial` keys. */
export const postgresStoreDialect: StoreDialect = {
  jsonType: 'jsonb',
  booleanType: 'boolean',
  serialType: 'serial',
  serialPrimaryKey: (column) => column.primaryKey(),
  encodeBoolean: (value) => value,
  decodeBoolean: (raw) => z.boolean().parse(raw),
  // node-postgres has already run JSON.parse on jsonb; a JSON string comes back as a JS string.
  decodeJson: (raw) => raw,
};
