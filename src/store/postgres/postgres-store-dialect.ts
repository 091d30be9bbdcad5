import { sql } from 'kysely';
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
  // Under READ COMMITTED two delete+insert transactions on one set would both
  // insert the same keys; a transaction-scoped advisory lock makes the second wait.
  lockSet: async (trx, scope) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${scope}, 0))`.execute(trx);
  },
};
