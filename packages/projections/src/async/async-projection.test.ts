// Async projections on PGlite with a same-database read model: live, rebuilt from zero, replayed from a
// position, and their lag in /metrics.
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { checkpointOf, createEventStore, migrate, type EventStore } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { cleanupStack, eventually, type Defer } from '@eventflow/eventstore/testing';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import { replayProjection } from '../control/control.ts';
import { projectionMetrics } from '../metrics/projection-metrics.ts';
import { defineProjection } from '../projection.ts';
import { sqlReadModel } from '../sql/sql-read-model.ts';
import { caughtUp } from '../testing/index.ts';
import { allEvents, appendWorkload, expectedStats, statsProjection, statsRows } from '../test-support.ts';
import { projectionLag } from './lag.ts';
import { combineObservers } from './observer.ts';
import { startProjection } from './start.ts';

const db = await openPGliteDatabase();
after(() => db.close());
let schemas = 0;

async function fixture(t: TestContext): Promise<{ defer: Defer; schema: string; store: EventStore }> {
  const defer = cleanupStack(t);
  const schema = `projections_${++schemas}`;
  await migrate(db, { schema });
  defer(() => db.query(`DROP SCHEMA "${schema}" CASCADE`));
  return { defer, schema, store: createEventStore({ executor: db, schema }) };
}

test('a projection rebuilt from zero equals the live one, and both equal the events folded', async (t) => {
  const { defer, schema, store } = await fixture(t);
  const projection = await statsProjection(db, schema);
  let applied = 0;
  const running = startProjection({
    store,
    projection,
    batchSize: 7,
    pollIntervalMs: 5,
    observer: { round: (round) => void (applied += round.applied) },
  });
  defer(() => running.close());
  const count = await appendWorkload(store, 4, 12);
  await caughtUp(store, projection.name);
  const live = await statsRows(db, schema);
  assert.deepEqual(live, expectedStats(await allEvents(store, count)));
  const appliedLive = applied;

  await running.rebuild();
  await caughtUp(store, projection.name);
  assert.deepEqual(await statsRows(db, schema), live);
  assert.equal(applied, 2 * appliedLive, 'the rebuild applied every handled event again, into a cleared table');
});

test('replay from a chosen position applies exactly the events after it again', async (t) => {
  const { defer, schema, store } = await fixture(t);
  const table = `"${schema}".applied`;
  await db.query(`CREATE TABLE ${table} (position bigint PRIMARY KEY, times integer NOT NULL)`);
  const log = defineProjection({
    name: 'log',
    readModel: sqlReadModel({ tables: [table] }),
    async apply(event, { sql }) {
      await sql.query(
        `INSERT INTO ${table} AS a (position, times) VALUES ($1, 1)
         ON CONFLICT (position) DO UPDATE SET times = a.times + 1`,
        [event.globalPosition],
      );
    },
  });
  const running = startProjection({ store, projection: log, batchSize: 5, pollIntervalMs: 5 });
  defer(() => running.close());
  const count = await appendWorkload(store, 2, 10);
  await caughtUp(store, 'log');
  const events = await allEvents(store, count);
  const from = events[11]!;

  await running.replay({ afterPosition: from.globalPosition });
  await caughtUp(store, 'log');
  const times = new Map(
    (await db.query<{ position: string; times: number }>(`SELECT position::text, times FROM ${table}`)).map((row) => [
      Number(row.position),
      row.times,
    ]),
  );
  assert.deepEqual(
    events.map((event) => times.get(event.globalPosition)),
    events.map((_, index) => (index <= 11 ? 1 : 2)),
  );
  await replayProjection(store, 'log', { after: checkpointOf(events.at(-1)!) });
  await assert.rejects(replayProjection(store, 'log', { afterPosition: 1_000_000 }), {
    code: 'PROJECTION.UNKNOWN_POSITION',
  });
});

test('lag is visible through the observer and in /metrics, then back to 0', async (t) => {
  const { defer, schema, store } = await fixture(t);
  const projection = await statsProjection(db, schema);
  const count = await appendWorkload(store, 3, 8);
  assert.equal(await projectionLag(store, projection.name), count, 'nothing applied yet: every event is lag');
  const metrics = createServiceMetrics({ service: 'projections-test', defaultMetrics: false });
  const lags: number[] = [];
  const running = startProjection({
    store,
    projection,
    batchSize: 4,
    pollIntervalMs: 5,
    observer: combineObservers(projectionMetrics(metrics), { lag: ({ lag }) => void lags.push(lag) }),
  });
  defer(() => running.close());
  const gauge = () => metricValue(metrics.registry, 'projection_lag_events', { projection: 'stats' });
  await eventually(async () => (await gauge()) === 0, 'the lag gauge to reach 0');
  assert.equal(lags[0], count - 4, 'after the first batch of 4');
  assert.ok(
    lags.every((lag, i) => i === 0 || lag <= lags[i - 1]!),
    'the lag only falls',
  );
  assert.equal(await metricValue(metrics.registry, 'projection_events_total', { projection: 'stats' }), count);

  await store.append('late-1', [{ type: 'Added', data: { n: 1 } }], { expectedVersion: 'no-stream' });
  const projected = async () => (await statsRows(db, schema)).some((row) => row.stream === 'late-1');
  await eventually(async () => (await projected()) && (await gauge()) === 0, 'the new event projected, lag 0 again');
});
