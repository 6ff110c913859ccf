// A Redis read model (hashes) fed from real PostgreSQL: checkpointed after the writes, idempotent writes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { cleanupStack, refuseWrites, type Defer } from '@eventflow/eventstore/testing';
import { runProjectionOnce } from '../async/round.ts';
import { startProjection } from '../async/start.ts';
import { replayProjection } from '../control/control.ts';
import { amountOf, toStats } from '../external-support.ts';
import { postgresStore, redisUrl } from '../int-support.ts';
import { defineProjection } from '../projection.ts';
import { catchUp, caughtUp } from '../testing/index.ts';
import { allEvents, appendWorkload, expectedStats } from '../test-support.ts';
import { redisReadModel } from './redis-read-model.ts';

async function redisOfItsOwn(defer: Defer): Promise<{ redis: Redis; prefix: string }> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  const prefix = `projection:${randomUUID()}:`;
  defer(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  return { redis, prefix };
}

async function fixture(t: TestContext) {
  const defer = cleanupStack(t);
  const { db, schema, store } = await postgresStore(defer);
  const { redis, prefix } = await redisOfItsOwn(defer);
  const projection = defineProjection({
    name: 'stream-stats',
    readModel: redisReadModel(redis, { prefix }),
    eventTypes: ['Added'],
    async apply(event, { hash }) {
      await hash(event.streamId, {
        increment: { events: 1, total: amountOf(event) },
        set: { lastVersion: event.version },
      });
    },
  });
  const hashes = async () => {
    const keys = await redis.keys(`${prefix}*`);
    const rows = await Promise.all(keys.map(async (key) => ({ key, fields: await redis.hgetall(key) })));
    return toStats(
      rows.map(({ key, fields }) => ({
        stream: key.slice(prefix.length),
        events: fields['events'],
        total: fields['total'],
        lastVersion: fields['lastVersion'],
      })),
    );
  };
  return { defer, db, schema, store, redis, prefix, projection, hashes };
}

test('live, then rebuilt from zero: the hashes equal the events folded', async (t) => {
  const { defer, store, projection, hashes } = await fixture(t);
  const running = startProjection({ store, projection, batchSize: 8, pollIntervalMs: 20 });
  defer(() => running.close());
  const count = await appendWorkload(store, 4, 10);
  await caughtUp(store, projection.name, 60_000);
  const live = await hashes();
  assert.deepEqual(live, expectedStats(await allEvents(store, count)));
  await running.rebuild();
  await caughtUp(store, projection.name, 60_000);
  assert.deepEqual(await hashes(), live);
});

test('a crash after the writes and before the checkpoint: the batch is applied again, counted once', async (t) => {
  const { db, schema, store, projection, hashes } = await fixture(t);
  await runProjectionOnce(store, projection); // no events yet: creates the checkpoint row, nothing to move
  const count = await appendWorkload(store, 3, 8);
  const events = await allEvents(store, count); // all readable now (other tests' transactions can delay that)
  const refused = await refuseWrites(db, { schema, table: 'projection_checkpoints', on: 'UPDATE' });
  await assert.rejects(runProjectionOnce(store, projection, { batchSize: 1000 }), /refused on purpose/);
  assert.ok((await hashes()).length > 0, 'the hashes were written before the checkpoint failed');
  await refused.restore();
  await catchUp(store, projection);
  assert.deepEqual(await hashes(), expectedStats(events));
});

test('replay from zero after losing a hash restores it and changes nothing else', async (t) => {
  const { store, redis, prefix, projection, hashes } = await fixture(t);
  const count = await appendWorkload(store, 3, 6);
  await catchUp(store, projection);
  const live = await hashes();
  await redis.del(`${prefix}w1-2`);
  await replayProjection(store, projection.name, { after: { transactionId: '0', globalPosition: 0 } });
  await catchUp(store, projection);
  assert.deepEqual(await hashes(), live);
  assert.deepEqual(live, expectedStats(await allEvents(store, count)));
});
