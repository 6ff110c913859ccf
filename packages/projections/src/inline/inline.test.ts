// Inline projections on PGlite: applied in the append's transaction, so they roll back with it.
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { defineTopic } from '@eventflow/bus';
import {
  combineAppendedHooks,
  createEventStore,
  createOutbox,
  defineOutboxRouter,
  migrate,
} from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { defineProjection } from '../projection.ts';
import { added, statsProjection, statsRows } from '../test-support.ts';
import { inlineProjections } from './inline.ts';

const db = await openPGliteDatabase();
after(() => db.close());
let schemas = 0;

async function fixture(t: TestContext) {
  const defer = cleanupStack(t);
  const schema = `inline_${++schemas}`;
  await migrate(db, { schema });
  defer(() => db.query(`DROP SCHEMA "${schema}" CASCADE`));
  const stats = await statsProjection(db, schema);
  const refuser = defineProjection({
    name: 'refuser',
    readModel: stats.readModel,
    eventTypes: ['Poison'],
    apply: () => Promise.reject(new Error('the projection refused')),
  });
  const topic = defineTopic({ name: `inline-${schemas}`, partitions: 1, schema: {} });
  const outbox = createOutbox({ schema, router: defineOutboxRouter({ Added: { topic } }) });
  const onAppended = combineAppendedHooks(outbox.onAppended, inlineProjections([stats, refuser]));
  const store = createEventStore({ executor: db, schema, onAppended });
  const outboxRows = async () =>
    Number((await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${schema}".outbox`))[0]?.n);
  return { schema, store, outboxRows };
}

test('an inline projection is up to date when the append returns, with no worker running', async (t) => {
  const { schema, store } = await fixture(t);
  await store.append('a-1', [added(2), added(3)], { expectedVersion: 'no-stream' });
  assert.deepEqual(await statsRows(db, schema), [{ stream: 'a-1', events: 2, total: 5, lastVersion: 2 }]);
});

test('an inline projection rolls back with a failed append, and with the outbox rows beside it', async (t) => {
  const { schema, store, outboxRows } = await fixture(t);
  await store.append('a-1', [added(2)], { expectedVersion: 'no-stream' });
  const before = await statsRows(db, schema);

  // The projection itself refuses an event: the append and its outbox rows go with it.
  await assert.rejects(
    store.append('a-1', [added(5), { type: 'Poison', data: {} }], { expectedVersion: 1 }),
    /the projection refused/,
  );
  // The append is refused after the projection could have run for an earlier append in the transaction.
  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.append('b-1', [added(7)], { expectedVersion: 'no-stream' });
      await tx.append('a-1', [added(9)], { expectedVersion: 0 });
    }),
    { code: 'EVENTSTORE.VERSION_CONFLICT' },
  );
  // The caller's own work fails after the append.
  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.append('a-1', [added(11)], { expectedVersion: 1 });
      throw new Error('the caller changed its mind');
    }),
    /changed its mind/,
  );
  assert.deepEqual(await statsRows(db, schema), before);
  assert.equal(await store.streamVersion('a-1'), 1);
  assert.equal(await store.streamVersion('b-1'), 0);
  assert.equal(await outboxRows(), 1, 'only the first append’s message');
});
