// A same-database projection on real PostgreSQL: two workers at once, concurrent writers, and a rebuild
// while the writers go on — each event applied exactly once, the rebuilt model equal to the events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { startProjection } from '../async/start.ts';
import { postgresStore } from '../int-support.ts';
import { caughtUp } from '../testing/index.ts';
import { allEvents, appendWorkload, expectedStats, statsProjection, statsRows } from '../test-support.ts';

test('two workers and concurrent writers: exactly once; rebuilt during more writes, equal to the events', async (t) => {
  const defer = cleanupStack(t);
  const { db, schema, store } = await postgresStore(defer, 12);
  const projection = await statsProjection(db, schema);
  const workers = [1, 2].map(() => startProjection({ store, projection, batchSize: 10, pollIntervalMs: 20 }));
  defer(() => Promise.all(workers.map((worker) => worker.close())));

  const first = await appendWorkload(store, 6, 12, 'a');
  await caughtUp(store, projection.name, 60_000);
  const live = await statsRows(db, schema);
  assert.deepEqual(live, expectedStats(await allEvents(store, first)));

  const rebuilt = workers[0]!.rebuild();
  const second = await appendWorkload(store, 6, 12, 'b');
  await rebuilt;
  await caughtUp(store, projection.name, 60_000);
  const rows = await statsRows(db, schema);
  assert.deepEqual(rows, expectedStats(await allEvents(store, first + second)));
  assert.deepEqual(
    rows.filter((row) => row.stream.startsWith('a')),
    live,
  );
});
