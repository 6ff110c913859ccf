// Transactions that commit out of order, on real PostgreSQL (each held open on its own connection):
// the relay never skips an outbox row of a transaction that commits late, and only one relay works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tryAdvisoryLock } from '../locks/advisory-lock.ts';
import { cleanupStack, collectMessages, eventually, holdTransaction, type Defer } from '../testing/index.ts';
import type { EventStore } from '../store/types.ts';
import { outboxLockName } from './channel.ts';
import { kafkaBus, postgresOutbox } from './int-support.ts';
import { relayOutboxOnce } from './relay-round.ts';

const one = (n: number) => [{ type: 'Counted', data: { n } }];

/** holdTransaction, rolled back at the end of the test if still open (so a failure cannot hang). */
function holder(defer: Defer, store: EventStore) {
  return <T>(work: (tx: EventStore) => Promise<T>) => {
    const held = holdTransaction(store, work);
    defer(() => held.rollback());
    return held;
  };
}

test('T1 writes first and commits after T2: the relay holds T2 back, then publishes both', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, topic, router, store } = await postgresOutbox(defer, 4);
  const bus = await kafkaBus(defer);
  const { received } = await collectMessages(bus, topic);
  const hold = holder(defer, store);
  const relay = () => relayOutboxOnce({ executor: db, schema, bus, router });

  const t1 = hold((tx) => tx.append('slow-1', one(1), { expectedVersion: 'no-stream' }));
  await t1.written;
  await store.append('fast-1', one(2), { expectedVersion: 'no-stream' });
  // A relay keeping a position would publish T2's row now and move past T1's for good.
  assert.equal((await relay()).published, 0, 'T2 is held back while the older T1 runs');
  await t1.commit();
  let published = 0;
  // Other tests' transactions elsewhere in the cluster may hold rows back a little longer.
  await eventually(async () => (published += (await relay()).published) >= 2, 'the relay to publish both rows');
  assert.equal(published, 2);
  await eventually(() => received.length >= 2, 'both messages on Kafka', 60_000);
  assert.deepEqual(received.map((m) => m.value.n).sort(), [1, 2]);
});

test('an older transaction whose row has a lower position commits last: the pair checkpoint does not skip it', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, topic, router, store } = await postgresOutbox(defer, 4);
  const bus = await kafkaBus(defer);
  const { received } = await collectMessages(bus, topic);
  const hold = holder(defer, store);
  const relay = () => relayOutboxOnce({ executor: db, schema, bus, router });

  // A takes its transaction id first; B then writes a row between A's two rows.
  const secondWrite = Promise.withResolvers<void>();
  const a = hold(async (tx) => {
    await tx.append('a-1', one(1), { expectedVersion: 'no-stream' });
    await secondWrite.promise;
    await tx.append('a-2', one(3), { expectedVersion: 'no-stream' });
  });
  const b = hold((tx) => tx.append('b-1', one(2), { expectedVersion: 'no-stream' }));
  await b.written;
  secondWrite.resolve();
  await a.written;
  await a.commit(); // A's rows (positions 1 and 3) become readable while B (position 2) still runs.
  await eventually(async () => (await relay()).published === 2, 'A’s two rows');
  await b.commit();
  await eventually(async () => (await relay()).published === 1, 'B’s row, below the last position published');
  await eventually(() => received.length >= 3, 'three messages on Kafka', 60_000);
  assert.deepEqual(received.map((m) => m.value.n).sort(), [1, 2, 3]);
});

test('while another relay holds the schema’s relay lock, a relay does nothing', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, router, store } = await postgresOutbox(defer, 4);
  const bus = await kafkaBus(defer);
  await store.append('a-1', one(1), { expectedVersion: 'no-stream' });
  const release = Promise.withResolvers<void>();
  const locked = Promise.withResolvers<void>();
  const other = db.transaction(async (tx) => {
    assert.ok(await tryAdvisoryLock(tx, outboxLockName(schema)));
    locked.resolve();
    await release.promise;
  });
  defer(() => release.resolve());
  await locked.promise;
  assert.deepEqual(await relayOutboxOnce({ executor: db, schema, bus, router }), {
    busy: true,
    published: 0,
    full: false,
  });
  release.resolve();
  await other;
  await eventually(
    async () => (await relayOutboxOnce({ executor: db, schema, bus, router })).published === 1,
    'the relay to publish once the lock is free',
  );
});
