// The outbox on PGlite and the embedded bus: what an append writes reaches the bus, in order per stream,
// at least once; nothing of a rolled-back transaction does; a relay that fails to mark only duplicates.
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type { Topic } from '@eventflow/bus';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { migrate } from '../schema/migrate.ts';
import { createEventStore } from '../store/create-store.ts';
import type { EventStore } from '../store/types.ts';
import { cleanupStack, collectMessages, eventually, refuseWrites, type Defer } from '../testing/index.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { relayOutboxOnce } from './relay-round.ts';
import { startOutboxRelay } from './relay.ts';
import { defineOutboxRouter, type OutboxRouter } from './router.ts';
import {
  assertInOrderPerStream,
  countedTopic,
  deliveries,
  embeddedBus,
  outboxRows,
  type Counted,
} from './test-support.ts';

const db = await openPGliteDatabase();
after(() => db.close());
let schemas = 0;

interface Fixture {
  readonly defer: Defer;
  readonly schema: string;
  readonly topic: Topic<Counted>;
  readonly router: OutboxRouter;
  readonly outbox: Outbox;
  readonly store: EventStore;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const defer = cleanupStack(t);
  const schema = `outbox_${++schemas}`;
  await migrate(db, { schema });
  defer(() => db.query(`DROP SCHEMA "${schema}" CASCADE`));
  const topic = countedTopic();
  const router = defineOutboxRouter({ Counted: { topic } });
  const outbox = createOutbox({ schema, router });
  const store = createEventStore({ executor: db, schema, onAppended: outbox.onAppended });
  return { defer, schema, topic, router, outbox, store };
}

const counted = (n: number) => ({ type: 'Counted', data: { n } });

test('appended events reach the bus woken by NOTIFY, in order per stream, with their metadata as headers', async (t) => {
  const { defer, schema, topic, router, store } = await fixture(t);
  const bus = await embeddedBus(defer);
  const { received } = await collectMessages(bus, topic);
  // A poll this long would outlast the test's deadline: delivery proves the in-process notification.
  const relay = startOutboxRelay({ executor: db, schema, bus, router, batchSize: 7, pollIntervalMs: 600_000 });
  defer(() => relay.close());

  const expected = new Map<string, number>();
  for (let round = 0; round < 6; round += 1) {
    for (const stream of ['a-1', 'b-1', 'c-1', 'd-1']) {
      const events = round % 2 === 0 ? [counted(round)] : [counted(round), counted(round), counted(round)];
      await store.append(stream, [...events, { type: 'NotRouted', data: {} }], { expectedVersion: 'any' });
      expected.set(stream, (expected.get(stream) ?? 0) + events.length + 1);
    }
  }
  const routed = [...expected.values()].reduce((sum, n) => sum + n, 0) - 4 * 6;
  await eventually(() => received.length >= routed, `${routed} messages`);
  assert.equal(received.length, routed, 'no duplicates in a clean run');
  assert.ok(received.every((message) => message.headers.type === 'Counted'));
  // Stream versions count the unrouted events too: order per stream is by the versions that were routed.
  const stored = (await store.readAll({ limit: 1000 })).events.filter((e) => e.type === 'Counted');
  assert.deepEqual(received.map((m) => m.headers.messageId).sort(), stored.map((e) => e.messageId).sort());
  for (const stream of expected.keys()) {
    const versions = received.filter((m) => m.key === stream).map((m) => Number(m.headers.extra['streamVersion']));
    assert.deepEqual(
      versions,
      stored.filter((e) => e.streamId === stream).map((e) => e.version),
    );
  }
  const event = stored[0]!;
  const message = received.find((m) => m.headers.messageId === event.messageId)!;
  assert.deepEqual(message.value, event.data);
  assert.equal(message.headers.correlationId, event.correlationId);
  assert.equal(message.headers.schemaVersion, event.schemaVersion);
  assert.equal(message.headers.occurredAt, event.occurredAt.toISOString());
  assert.equal(message.headers.extra['globalPosition'], String(event.globalPosition));
  await eventually(async () => (await outboxRows(db, schema)) === 0, 'the outbox to be emptied');
});

test('enqueue writes in any transaction; a rolled-back transaction publishes nothing', async (t) => {
  const { defer, schema, topic, router, outbox, store } = await fixture(t);
  const bus = await embeddedBus(defer);
  const { received } = await collectMessages(bus, topic);
  await store.transaction(async (tx) => {
    await tx.append('order-1', [counted(1)], { expectedVersion: 'no-stream' });
    await outbox.enqueue(tx.sql, [{ topic, key: 'order-1', value: { n: 2 }, type: 'OrderNoted', schemaVersion: 3 }]);
  });
  await assert.rejects(
    store.transaction(async (tx) => {
      await outbox.enqueue(tx.sql, [{ topic, key: 'order-1', value: { n: 3 } }]);
      await tx.append('order-1', [counted(4)], { expectedVersion: 'no-stream' });
    }),
    { code: 'EVENTSTORE.VERSION_CONFLICT' },
  );
  await assert.rejects(store.append('order-2', [{ type: 'Counted', data: { n: 'x' } }], { expectedVersion: 'any' }), {
    code: 'BUS.INVALID_MESSAGE',
  });
  assert.deepEqual(await relayOutboxOnce({ executor: db, schema, bus, router }), {
    busy: false,
    published: 2,
    full: false,
  });
  await eventually(() => received.length >= 2, 'two messages');
  assert.deepEqual(
    received.map((m) => [m.headers.type, m.headers.schemaVersion, m.value.n]),
    [
      ['Counted', 1, 1],
      ['OrderNoted', 3, 2],
    ],
  );
  assert.equal(await store.streamVersion('order-2'), 0, 'the invalid payload refused its append');
});

test("a route can name the message's type on its topic (the topic's contract, not the stream's event name)", async (t) => {
  const { defer, schema, topic } = await fixture(t);
  const router = defineOutboxRouter({
    Tallied: { topic, type: 'CountChanged', value: (event) => ({ n: (event.data as { tally: number }).tally }) },
  });
  const outbox = createOutbox({ schema, router });
  const store = createEventStore({ executor: db, schema, onAppended: outbox.onAppended });
  const bus = await embeddedBus(defer);
  const { received } = await collectMessages(bus, topic);
  await store.append('tally-1', [{ type: 'Tallied', data: { tally: 7 } }], { expectedVersion: 'no-stream' });
  assert.deepEqual(await relayOutboxOnce({ executor: db, schema, bus, router }), {
    busy: false,
    published: 1,
    full: false,
  });
  await eventually(() => received.length >= 1, 'the message');
  assert.deepEqual(
    received.map((m) => [m.headers.type, m.key, m.value]),
    [['CountChanged', 'tally-1', { n: 7 }]],
  );
  const [event] = await store.readStream('tally-1');
  assert.equal(event?.type, 'Tallied', 'the stream keeps its own event name');
});

test('a relay that fails between publishing and marking publishes again: duplicates, never loss', async (t) => {
  const { defer, schema, topic, router, store } = await fixture(t);
  const bus = await embeddedBus(defer);
  const { received } = await collectMessages(bus, topic);
  for (const stream of ['a-1', 'b-1', 'c-1']) {
    await store.append(stream, [counted(1), counted(2), counted(3)], { expectedVersion: 'no-stream' });
  }
  const refused = await refuseWrites(db, { schema, table: 'outbox', on: 'DELETE' });
  await assert.rejects(relayOutboxOnce({ executor: db, schema, bus, router }), /refused on purpose/);
  await eventually(() => received.length >= 9, 'the first publication');
  assert.equal(await outboxRows(db, schema), 9, 'nothing was marked');

  await refused.restore();
  assert.equal((await relayOutboxOnce({ executor: db, schema, bus, router })).published, 9);
  await eventually(() => received.length >= 18, 'the second publication');
  assert.deepEqual(new Set(deliveries(received).values()), new Set([2]), 'each message twice');
  assertInOrderPerStream(
    received,
    new Map([
      ['a-1', 3],
      ['b-1', 3],
      ['c-1', 3],
    ]),
  );
  assert.equal((await relayOutboxOnce({ executor: db, schema, bus, router })).published, 0);
});

test('the running relay reports a failed mark, retries, and delivers everything once marking works', async (t) => {
  const { defer, schema, topic, router, store } = await fixture(t);
  const bus = await embeddedBus(defer);
  const { received } = await collectMessages(bus, topic);
  const refused = await refuseWrites(db, { schema, table: 'outbox', on: 'DELETE' });
  const failures: unknown[] = [];
  const relay = startOutboxRelay({
    executor: db,
    schema,
    bus,
    router,
    pollIntervalMs: 10,
    errorBackoff: { initialDelayMs: 1, maxDelayMs: 5, multiplier: 2, jitter: 'none' },
    observer: { failed: ({ error }) => failures.push(error) },
  });
  defer(() => relay.close());
  await store.append('a-1', [counted(1), counted(2)], { expectedVersion: 'no-stream' });
  await eventually(() => failures.length >= 2 && received.length >= 4, 'failed rounds that published');
  await refused.restore();
  await eventually(async () => (await outboxRows(db, schema)) === 0, 'the outbox to be emptied');
  assertInOrderPerStream(received, new Map([['a-1', 2]]));
  assert.ok([...deliveries(received).values()].every((count) => count >= 2));
});
