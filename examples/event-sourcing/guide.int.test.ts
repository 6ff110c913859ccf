// The worked example of docs/event-sourcing.md, run on PGlite and on PostgreSQL (a throwaway
// database): every result the doc shows is asserted here, so the doc stays true.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import {
  aggregateStateAt,
  createEventStore,
  defaultConflictRetry,
  EventStoreError,
  handleCommand,
  handleOnce,
  loadAggregate,
  startOutboxRelay,
  type SqlDatabase,
} from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { eventually } from '@eventflow/eventstore/testing';
import { startProjection } from '@eventflow/projections';
import { catchUp } from '@eventflow/projections/testing';
import { withThrowawayDatabase } from '../throwaway-database.ts';
import { concertDecider, ConcertError } from './concert.ts';
import { openTickets } from './app.ts';
import { router, startMailer } from './messaging.ts';
import { reservations } from './read-models.ts';

async function scenario(db: SqlDatabase, busDir: string): Promise<number> {
  const store = await openTickets(db);

  // --- commands
  await handleCommand(store, 'concert-42', concertDecider, { type: 'Schedule', name: 'Nocturnes', capacity: 100 });
  const result = await handleCommand(store, 'concert-42', concertDecider, {
    type: 'Reserve',
    reservationId: 'r-1',
    seats: 2,
  });
  assert.equal(result.state.available, 98);
  assert.equal(result.nextExpectedVersion, 2);
  assert.equal(result.events[0]?.type, 'SeatsReserved');
  const reservedAt = result.events[0]?.globalPosition ?? assert.fail('no event');

  // --- refused
  await assert.rejects(
    handleCommand(store, 'concert-42', concertDecider, { type: 'Reserve', reservationId: 'r-big', seats: 500 }),
    (error: unknown) => error instanceof ConcertError && error.code === 'CONCERT.SOLD_OUT',
  );

  // --- optimistic concurrency
  try {
    await store.append(
      'concert-42',
      [{ type: 'SeatsReserved', data: { reservationId: 'r-x', seats: 1 } }],
      { expectedVersion: 1 }, // but the stream is at version 2
    );
    assert.fail('expected a conflict');
  } catch (error) {
    if (!(error instanceof EventStoreError)) throw error;
    assert.equal(error.code, 'EVENTSTORE.VERSION_CONFLICT');
  }
  // 20 buyers at once on one concert: each conflict reloads and decides again, up to 25 tries.
  const hotStream = { retry: { ...defaultConflictRetry, maxAttempts: 25 } };
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      handleCommand(
        store,
        'concert-42',
        concertDecider,
        { type: 'Reserve', reservationId: `r-${i + 2}`, seats: 1 },
        hotStream,
      ),
    ),
  );
  const retried = outcomes.filter((outcome) => outcome.attempts > 1).length;
  const afterRush = await loadAggregate(store, 'concert-42', concertDecider);
  assert.equal(afterRush.state.available, 78);
  assert.equal(afterRush.version, 22);

  // --- snapshots
  for (let i = 22; i < 52; i += 1) {
    await handleCommand(store, 'concert-42', concertDecider, { type: 'Reserve', reservationId: `r-${i}`, seats: 1 });
  }
  const loaded = await loadAggregate(store, 'concert-42', concertDecider);
  assert.equal(loaded.version, 52);
  assert.equal(loaded.snapshotVersion, 50);
  assert.equal(loaded.eventsApplied, 2);
  assert.equal(loaded.state.available, 48);

  // --- upcasting
  const lastYear = createEventStore({ executor: db, schema: 'tickets' }); // last year's code: no upcasters, no hooks
  await lastYear.append(
    'concert-7',
    [
      { type: 'ConcertScheduled', data: { name: 'Old times', capacity: 10 } },
      { type: 'SeatsReserved', data: { reservationId: 'old-1', count: 3 }, schemaVersion: 1 },
    ],
    { expectedVersion: 'no-stream' },
  );
  const [, reserved] = await store.readStream('concert-7');
  assert.deepEqual(reserved?.data, { reservationId: 'old-1', seats: 3 });
  assert.equal(reserved?.schemaVersion, 2);
  assert.equal((await loadAggregate(store, 'concert-7', concertDecider)).state.available, 7);

  // --- time travel
  const then = await aggregateStateAt(store, 'concert-42', concertDecider, { position: reservedAt });
  assert.equal(then.state.available, 98);
  assert.equal(then.version, 2);
  const before = await aggregateStateAt(store, 'concert-42', concertDecider, { time: new Date(0) });
  assert.equal(before.version, 0);

  // --- inline projection
  const [row] = await db.query<{ available: number }>(
    "SELECT available FROM tickets_read.availability WHERE concert_id = 'concert-42'",
  );
  assert.equal(row?.available, 48);

  // --- cancel
  await handleCommand(store, 'concert-42', concertDecider, { type: 'Cancel', reservationId: 'r-1' });

  // --- async projection
  await catchUp(store, reservations);
  const [sold] = await db.query<{ seats: string }>(
    "SELECT sum(seats)::text AS seats FROM tickets_read.reservations WHERE concert_id = 'concert-42'",
  );
  assert.equal(sold?.seats, '50');
  const running = startProjection({ store, projection: reservations, batchSize: 100, pollIntervalMs: 500 });
  await running.rebuild();
  await running.close();

  // --- outbox → bus → inbox
  const bus = await openEmbeddedBus({ dir: busDir });
  const mailer = await startMailer(bus, db);
  const relay = startOutboxRelay({ executor: db, schema: 'tickets', bus, router });
  await eventually(async () => {
    const [count] = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM tickets_read.confirmations');
    return count?.n === 51; // r-1 … r-51 on concert-42 (concert-7 was written without the outbox hook)
  }, 'confirmations');
  const first = (await store.readStream('concert-42', { fromVersion: 2, toVersion: 2 }))[0]!;
  const again = await handleOnce(db, 'mailer', first.messageId, () => Promise.resolve('handled twice?'), {
    schema: 'tickets',
  });
  assert.deepEqual(again, { handled: false });
  await relay.close();
  await mailer.close();
  await bus.close();
  return retried;
}

const folder = await mkdtemp(join(tmpdir(), 'es-doc-example-'));
after(() => rm(folder, { recursive: true, force: true }));

test('the event-sourcing guide’s example, on PGlite (embedded)', async (t) => {
  const db = await openPGliteDatabase();
  try {
    const retried = await scenario(db, join(folder, 'bus-pglite'));
    t.diagnostic(`${retried} of 20 concurrent reservations retried after a conflict`);
  } finally {
    await db.close();
  }
});

test('the event-sourcing guide’s example, on PostgreSQL', (t) =>
  withThrowawayDatabase('es_doc_example', async (db) => {
    const retried = await scenario(db, join(folder, 'bus-postgres'));
    t.diagnostic(`${retried} of 20 concurrent reservations retried after a conflict`);
  }));
