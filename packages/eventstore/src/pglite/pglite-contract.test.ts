import { after } from 'node:test';
import { migrate } from '../schema/migrate.ts';
import type { SqlDatabase } from '@eventflow/sql';
import { eventStoreContract } from '../testing/index.ts';
import { openPGliteDatabase } from '@eventflow/sql/pglite';

// One in-memory PGlite for this file (it takes about a second to start), a schema of its own per test.
let database: Promise<SqlDatabase> | undefined;
let schemas = 0;
after(async () => {
  if (database !== undefined) await (await database).close();
});

eventStoreContract('pglite', async () => {
  database ??= openPGliteDatabase();
  const db = await database;
  const schema = `eventstore_contract_${++schemas}`;
  await migrate(db, { schema });
  return { executor: db, schema, close: async () => void (await db.query(`DROP SCHEMA "${schema}" CASCADE`)) };
});
