// The outbox on real PostgreSQL and Kafka: concurrent writers, two relays at once, a crash between
// publishing and marking. A consumer on Kafka checks what arrived.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanupStack, collectMessages, eventually, refuseWrites } from '../testing/index.ts';
import { kafkaBus, postgresOutbox } from './int-support.ts';
import { relayOutboxOnce } from './relay-round.ts';
import { startOutboxRelay, type OutboxRelay } from './relay.ts';
import { assertInOrderPerStream, deliveries, outboxRows, readableOutboxRows } from './test-support.ts';

const counted = (n: number) => ({ type: 'Counted', data: { n } });

test('concurrent writers, two relays at once: every event reaches Kafka once, in order per stream', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, topic, router, store } = await postgresOutbox(defer, 12);
  const bus = await kafkaBus(defer);
  const { received } = await collectMessages(bus, topic);
  const relays: OutboxRelay[] = [1, 2].map(() =>
    startOutboxRelay({ executor: db, schema, bus, router, batchSize: 16, pollIntervalMs: 200 }),
  );
  defer(() => Promise.all(relays.map((relay) => relay.close())));

  const writers = 8;
  const appendsPerWriter = 15;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < appendsPerWriter; i += 1) {
        const events = i % 3 === 0 ? [counted(i), counted(i)] : [counted(i)];
        await store.append(`w${writer}-${i % 3}`, events, { expectedVersion: 'any' });
      }
    }),
  );
  const expected = new Map<string, number>();
  for (let writer = 0; writer < writers; writer += 1) {
    expected.set(`w${writer}-0`, 10);
    expected.set(`w${writer}-1`, 5);
    expected.set(`w${writer}-2`, 5);
  }
  const total = [...expected.values()].reduce((sum, n) => sum + n, 0);
  await eventually(() => received.length >= total, `${total} messages on Kafka`, 60_000);
  await eventually(async () => (await outboxRows(db, schema)) === 0, 'the outbox to be emptied');
  assert.equal(received.length, total);
  assert.deepEqual(new Set(deliveries(received).values()), new Set([1]), 'no row published by both relays');
  assertInOrderPerStream(received, expected);
  for (const [stream, messages] of Map.groupBy(received, (m) => m.key)) {
    assert.equal(new Set(messages.map((m) => m.partition)).size, 1, `${stream} stays on one partition`);
  }
});

test('a relay that fails between publishing to Kafka and marking publishes again: duplicates, never loss', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, topic, router, store } = await postgresOutbox(defer);
  const bus = await kafkaBus(defer);
  const { received } = await collectMessages(bus, topic);
  for (const stream of ['a-1', 'b-1']) {
    await store.append(stream, [counted(1), counted(2), counted(3)], { expectedVersion: 'no-stream' });
  }
  await eventually(async () => (await readableOutboxRows(db, schema)) === 6, 'the rows to be readable');
  const refused = await refuseWrites(db, { schema, table: 'outbox_checkpoint', on: 'UPDATE' });
  await assert.rejects(relayOutboxOnce({ executor: db, schema, bus, router }), /refused on purpose/);
  await eventually(() => received.length >= 6, 'the first publication', 60_000);
  assert.equal(await outboxRows(db, schema), 6, 'the failed mark deleted nothing either');
  await refused.restore();
  assert.equal((await relayOutboxOnce({ executor: db, schema, bus, router })).published, 6);
  await eventually(() => received.length >= 12, 'the second publication', 60_000);
  assert.deepEqual(new Set(deliveries(received).values()), new Set([2]));
  assertInOrderPerStream(
    received,
    new Map([
      ['a-1', 3],
      ['b-1', 3],
    ]),
  );
});
