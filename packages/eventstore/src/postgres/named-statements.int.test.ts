// The append as a named prepared statement on real PostgreSQL: prepared once per connection, under a
// name made from its text (so two schemas on one connection never share a name), and off on request.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { migrate } from '../schema/migrate.ts';
import type { SqlDatabase } from '@eventflow/sql';
import { createEventStore } from '../store/create-store.ts';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { testDatabaseUrl } from './test-schema.ts';

/** One connection, so every statement below runs on the connection whose prepared statements we read. */
async function oneConnection(
  t: TestContext,
  namedStatements: boolean,
  schemas: number,
): Promise<[SqlDatabase, string[]]> {
  const db = openPostgresDatabase({ connectionString: testDatabaseUrl, maxConnections: 1, namedStatements });
  const names = Array.from({ length: schemas }, () => `es_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`);
  t.after(async () => {
    for (const schema of names) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
  for (const schema of names) await migrate(db, { schema });
  return [db, names];
}

const prepared = async (db: SqlDatabase): Promise<number> => {
  const [row] = await db.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM pg_prepared_statements WHERE name LIKE 'eventstore_append_%'`,
  );
  return Number(row?.count);
};

test('two schemas on one connection: each append statement prepared once, under a name of its own', async (t) => {
  const [db, [first, second]] = await oneConnection(t, true, 2);
  const stores = [first, second].map((schema) => createEventStore({ executor: db, schema: schema! }));
  for (const [index, store] of stores.entries()) {
    for (let version = 0; version < 3; version += 1) {
      await store.append(`cart-${index}`, [{ type: 'Added', data: { version } }], { expectedVersion: version });
    }
    await store.transaction((tx) => tx.append(`cart-${index}`, [{ type: 'Added', data: {} }], { expectedVersion: 3 }));
  }
  assert.equal(await prepared(db), 2);
  for (const [index, store] of stores.entries()) {
    assert.deepEqual(
      (await store.readStream(`cart-${index}`)).map((event) => event.version),
      [1, 2, 3, 4],
    );
  }
});

test('namedStatements: false prepares nothing and appends the same', async (t) => {
  const [db, [schema]] = await oneConnection(t, false, 1);
  const store = createEventStore({ executor: db, schema: schema! });
  await store.append('cart-1', [{ type: 'Added', data: {} }], { expectedVersion: 'no-stream' });
  await assert.rejects(store.append('cart-1', [{ type: 'Added', data: {} }], { expectedVersion: 'no-stream' }), {
    code: 'EVENTSTORE.VERSION_CONFLICT',
  });
  assert.equal(await prepared(db), 0);
  assert.equal(await store.streamVersion('cart-1'), 1);
});
