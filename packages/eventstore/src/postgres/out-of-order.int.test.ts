// Transactions that commit out of order, made to on purpose on real PostgreSQL (each held open on its
// own pool connection): readAll never lets a reader's checkpoint pass an event that can still appear.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { checkpointOf, compareCheckpoints, startCheckpoint, type Checkpoint } from '../read/checkpoint.ts';
import type { RecordedEvent } from '../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { createEventStore } from '../store/create-store.ts';
import type { EventStore } from '../store/types.ts';
import { holdTransaction, readAllUntil, type HeldTransaction } from '../testing/index.ts';
import { openTestSchema } from './test-schema.ts';

const one = (type: string) => [{ type, data: {} }];

interface Fixture {
  readonly store: EventStore;
  readonly db: SqlExecutor;
  readonly schema: string;
  /** holdTransaction, rolled back at the end of the test if it is still open (so a failure cannot hang). */
  readonly hold: <T>(work: (tx: EventStore) => Promise<T>) => HeldTransaction<T>;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const target = await openTestSchema(4);
  const held: Array<HeldTransaction<unknown>> = [];
  t.after(async () => {
    await Promise.allSettled(held.map((transaction) => transaction.rollback()));
    await target.close();
  });
  const store = createEventStore({ executor: target.db, schema: target.schema });
  return {
    store,
    db: target.db,
    schema: target.schema,
    hold: (work) => {
      const transaction = holdTransaction(store, work);
      held.push(transaction);
      return transaction;
    },
  };
}

/** The reader this store replaces: committed rows in global-position order, a position as checkpoint. */
async function naiveRead(
  db: SqlExecutor,
  schema: string,
  after: number,
): Promise<Array<{ type: string; position: number }>> {
  const rows = await db.query<{ type: string; position: string }>(
    `SELECT type, global_position::text AS position FROM "${schema}".events e
     WHERE e.global_position > $1 ORDER BY e.global_position`,
    [after],
  );
  return rows.map((row) => ({ type: row.type, position: Number(row.position) }));
}

test('T1 inserts first and commits after T2: a reader polling in between never passes T1’s event', async (t) => {
  const { store, db, schema, hold } = await fixture(t);
  const t1 = hold((tx) => tx.append('slow-1', one('T1'), { expectedVersion: 'no-stream' }));
  const t1Event = (await t1.written).events[0]!;
  const t2Event = (await store.append('fast-1', one('T2'), { expectedVersion: 'no-stream' })).events[0]!;
  assert.ok(t1Event.globalPosition < t2Event.globalPosition, 'T1 inserted first');

  // The hazard is real: a reader by global position sees T2 now and moves its checkpoint past T1's event.
  const naiveSeen = await naiveRead(db, schema, 0);
  assert.deepEqual(naiveSeen, [{ type: 'T2', position: t2Event.globalPosition }]);

  // readAll, polled while T1 is open, holds T2 back: T1 is older and may still commit.
  let checkpoint: Checkpoint = startCheckpoint;
  for (let poll = 0; poll < 5; poll += 1) {
    const page = await store.readAll({ after: checkpoint });
    assert.deepEqual(page.events, []);
    checkpoint = page.checkpoint;
    assert.ok(compareCheckpoints(checkpoint, checkpointOf(t1Event)) < 0, 'the checkpoint stays before T1');
  }

  await t1.commit();
  const { events } = await readAllUntil(store, (read) => read.length >= 2, { after: checkpoint });
  assert.deepEqual(
    events.map((e) => e.type),
    ['T1', 'T2'],
  );
  // …while the naive reader, continuing from its checkpoint, has lost T1 for good.
  assert.deepEqual(await naiveRead(db, schema, naiveSeen.at(-1)!.position), []);
});

test('a global position alone is not a safe checkpoint: an older transaction can hold a lower position and commit later', async (t) => {
  const { store, db, schema, hold } = await fixture(t);
  // A takes its transaction id first; B then inserts at a lower position than A's second event.
  // B starts only once A's first event is written, so A's transaction id and first position come first.
  const firstWritten = Promise.withResolvers<void>();
  const secondWrite = Promise.withResolvers<void>();
  const a = hold(async (tx) => {
    const first = await tx.append('a-1', one('A1'), { expectedVersion: 'no-stream' });
    firstWritten.resolve();
    await secondWrite.promise;
    return [first.events[0]!, (await tx.append('a-2', one('A2'), { expectedVersion: 'no-stream' })).events[0]!];
  });
  await firstWritten.promise;
  const b = hold(async (tx) => (await tx.append('b-1', one('B1'), { expectedVersion: 'no-stream' })).events[0]!);
  const bEvent = await b.written;
  secondWrite.resolve();
  const [a1, a2] = await a.written;
  assert.ok(a1!.globalPosition < bEvent.globalPosition && bEvent.globalPosition < a2!.globalPosition);
  assert.ok(BigInt(a1!.transactionId) < BigInt(bEvent.transactionId));

  await a.commit(); // A commits while B, with the lower position, is still open.
  const first = await readAllUntil(store, (read) => read.length >= 2);
  assert.deepEqual(
    first.events.map((e) => e.type),
    ['A1', 'A2'],
  );
  // A reader keeping only a position would now skip B1 (position below A2's) when B commits.
  const positionOnly = a2!.globalPosition;
  await b.commit();
  const rest = await readAllUntil(store, (read) => read.length >= 1, { after: first.checkpoint });
  assert.deepEqual(
    rest.events.map((e) => e.type),
    ['B1'],
  );
  assert.ok(rest.events[0]!.globalPosition < positionOnly, 'B1 sorts below the position a position-only reader kept');
  assert.deepEqual(
    (await naiveRead(db, schema, positionOnly)).map((e) => e.type),
    [],
  );
});

test('an append never sorts before its stream’s earlier events: a transaction older than the last writer must retry', async (t) => {
  const { store, hold } = await fixture(t);
  const goOn = Promise.withResolvers<void>();
  const firstWrite = Promise.withResolvers<RecordedEvent>();
  const older = hold(async (tx) => {
    firstWrite.resolve((await tx.append('other-1', one('Other'), { expectedVersion: 'no-stream' })).events[0]!);
    await goOn.promise;
    return tx.append('shared-1', one('Late'), { expectedVersion: 1 });
  });
  const other = await firstWrite.promise;
  const newer = (await store.append('shared-1', one('First'), { expectedVersion: 'no-stream' })).events[0]!;
  assert.ok(BigInt(other.transactionId) < BigInt(newer.transactionId), 'the older transaction took its id first');
  goOn.resolve();
  // Written, 'Late' would sort before 'First' in readAll: the store refuses it.
  await assert.rejects(older.written, { code: 'EVENTSTORE.TRANSACTION_ORDER_CONFLICT' });
  await older.rollback();

  // Retried in a new transaction it gets a newer id, and the global order keeps the stream's order.
  const retried = (await store.append('shared-1', one('Late'), { expectedVersion: 1 })).events[0]!;
  assert.ok(BigInt(retried.transactionId) > BigInt(newer.transactionId));
  const { events } = await readAllUntil(store, (read) => read.filter((e) => e.streamId === 'shared-1').length >= 2);
  assert.deepEqual(
    events.filter((e) => e.streamId === 'shared-1').map((e) => [e.version, e.type]),
    [
      [1, 'First'],
      [2, 'Late'],
    ],
  );
});
