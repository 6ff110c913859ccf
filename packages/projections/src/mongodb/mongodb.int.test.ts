// A MongoDB read model (FerretDB locally) fed from real PostgreSQL: the checkpoint is saved after the
// writes, so a crash in between applies a batch again — and the idempotent writes change nothing twice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { cleanupStack, refuseWrites, type Defer } from '@eventflow/eventstore/testing';
import { startProjection } from '../async/start.ts';
import { runProjectionOnce } from '../async/round.ts';
import { replayProjection } from '../control/control.ts';
import { amountOf, toStats } from '../external-support.ts';
import { mongodbUrl, postgresStore } from '../int-support.ts';
import { defineProjection } from '../projection.ts';
import { catchUp, caughtUp } from '../testing/index.ts';
import { allEvents, appendWorkload, expectedStats } from '../test-support.ts';
import { mongoReadModel } from './mongo-read-model.ts';

async function collectionOfItsOwn(defer: Defer): Promise<Collection<Document>> {
  const client = new MongoClient(mongodbUrl);
  await client.connect();
  const collection = client.db().collection(`projection_${randomUUID().replaceAll('-', '')}`);
  defer(async () => {
    await collection.drop().catch(() => undefined);
    await client.close();
  });
  return collection;
}

async function fixture(t: TestContext) {
  const defer = cleanupStack(t);
  const { db, schema, store } = await postgresStore(defer);
  const collection = await collectionOfItsOwn(defer);
  const projection = defineProjection({
    name: 'stream-stats',
    readModel: mongoReadModel(collection),
    eventTypes: ['Added'],
    async apply(event, { update }) {
      await update(event.streamId, {
        $inc: { events: 1, total: amountOf(event) },
        $set: { lastVersion: event.version },
      });
    },
  });
  const documents = async () =>
    toStats(
      (await collection.find().toArray()).map((doc) => ({
        stream: String(doc['_id']),
        events: doc['events'] as unknown,
        total: doc['total'] as unknown,
        lastVersion: doc['lastVersion'] as unknown,
      })),
    );
  return { defer, db, schema, store, collection, projection, documents };
}

test('live, then rebuilt from zero: the collection equals the events folded', async (t) => {
  const { defer, store, projection, documents } = await fixture(t);
  const running = startProjection({ store, projection, batchSize: 8, pollIntervalMs: 20 });
  defer(() => running.close());
  const count = await appendWorkload(store, 4, 10);
  await caughtUp(store, projection.name, 60_000);
  const live = await documents();
  assert.deepEqual(live, expectedStats(await allEvents(store, count)));
  await running.rebuild();
  await caughtUp(store, projection.name, 60_000);
  assert.deepEqual(await documents(), live);
});

test('a crash after the writes and before the checkpoint: the batch is applied again, counted once', async (t) => {
  const { db, schema, store, projection, documents } = await fixture(t);
  await runProjectionOnce(store, projection); // no events yet: creates the checkpoint row, nothing to move
  const count = await appendWorkload(store, 3, 8);
  const events = await allEvents(store, count); // all readable now (other tests' transactions can delay that)
  const refused = await refuseWrites(db, { schema, table: 'projection_checkpoints', on: 'UPDATE' });
  await assert.rejects(runProjectionOnce(store, projection, { batchSize: 1000 }), /refused on purpose/);
  assert.ok((await documents()).length > 0, 'the documents were written before the checkpoint failed');
  await refused.restore();
  await catchUp(store, projection);
  assert.deepEqual(await documents(), expectedStats(events));
});

test('replay from zero after losing a document restores it and changes nothing else', async (t) => {
  const { store, collection, projection, documents } = await fixture(t);
  const count = await appendWorkload(store, 3, 6);
  await catchUp(store, projection);
  const live = await documents();
  await collection.deleteOne({ _id: 'w1-2' } as Document);
  await replayProjection(store, projection.name, { after: { transactionId: '0', globalPosition: 0 } });
  await catchUp(store, projection);
  assert.deepEqual(await documents(), live);
  assert.deepEqual(live, expectedStats(await allEvents(store, count)));
});
