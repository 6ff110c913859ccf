// PGlite is one PostgreSQL backend in this process: a transaction holds it exclusively, so two
// transactions never overlap and commits cannot come out of order here (the out-of-order proof runs on
// real PostgreSQL, in postgres/out-of-order.int.test.ts). What can be checked on PGlite: the same SQL's
// snapshot filter works, and a writer started during a transaction runs after it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { migrate } from '../schema/migrate.ts';
import { createEventStore } from '../store/create-store.ts';
import { holdTransaction } from '../testing/index.ts';
import { openPGliteDatabase } from '@eventflow/sql/pglite';

const db = await openPGliteDatabase();
after(() => db.close());
await migrate(db, { schema: 'ordering' });
const store = createEventStore({ executor: db, schema: 'ordering' });
const one = (type: string) => [{ type, data: {} }];

test('readAll leaves out a transaction still running (here: its own), and returns it once committed', async () => {
  await store.transaction(async (tx) => {
    await tx.append('own-1', one('Mine'), { expectedVersion: 'no-stream' });
    assert.equal((await tx.readStream('own-1')).length, 1);
    assert.deepEqual((await tx.readAll()).events, []);
  });
  assert.deepEqual(
    (await store.readAll()).events.map((e) => e.type),
    ['Mine'],
  );
});

test('a writer started while a transaction is open runs after it commits: positions follow commit order', async () => {
  const firstWritten = Promise.withResolvers<void>();
  const secondWrite = Promise.withResolvers<void>();
  const first = holdTransaction(store, async (tx) => {
    const a = await tx.append('serial-a', one('A'), { expectedVersion: 'no-stream' });
    firstWritten.resolve();
    await secondWrite.promise;
    const b = await tx.append('serial-b', one('B'), { expectedVersion: 'no-stream' });
    return [a.events[0]!, b.events[0]!] as const;
  });
  await firstWritten.promise;
  const meanwhile = store.append('serial-c', one('C'), { expectedVersion: 'no-stream' });
  secondWrite.resolve();
  await first.commit();
  const c = (await meanwhile).events[0]!;
  const [a, b] = await first.written;
  // On a server C could land between A and B; on PGlite it waited for the whole transaction.
  assert.ok(a.globalPosition < b.globalPosition && b.globalPosition < c.globalPosition);
  assert.ok(BigInt(b.transactionId) < BigInt(c.transactionId));
});
