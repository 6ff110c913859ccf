import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { MongoClient } from 'mongodb';
import { connectionSettings } from '../settings.ts';

test('MongoDB wire protocol: insert, then findOneAndUpdate atomically on one document', async (t) => {
  const client = await MongoClient.connect(connectionSettings().mongodbUrl);
  const collection = client
    .db()
    .collection<{ _id: string; seats: number; holders: string[] }>(`it_events_${randomUUID().replaceAll('-', '')}`);
  t.after(async () => {
    await collection.drop().catch(() => undefined);
    await client.close();
  });

  await collection.insertOne({ _id: 'concert', seats: 2, holders: [] });
  const taken = await collection.findOneAndUpdate(
    { _id: 'concert', seats: { $gt: 0 } },
    { $inc: { seats: -1 }, $push: { holders: 'ana' } },
    { returnDocument: 'after' },
  );
  assert.deepEqual(taken, { _id: 'concert', seats: 1, holders: ['ana'] });
});

test('single-document operations are atomic under concurrency: 8 clients, 2 seats, never a double sale', async (t) => {
  // Unpatched FerretDB 1.24 fails this every round: it reads, modifies and writes back without a lock.
  const client = await MongoClient.connect(connectionSettings().mongodbUrl, { maxPoolSize: 16 });
  const collection = client
    .db()
    .collection<{ _id: string; seats: number; holders: number[] }>(`it_race_${randomUUID().replaceAll('-', '')}`);
  t.after(async () => {
    await collection.drop().catch(() => undefined);
    await client.close();
  });
  for (let round = 0; round < 20; round++) {
    const _id = `show-${round}`;
    await collection.insertOne({ _id, seats: 2, holders: [] });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, buyer) =>
        collection.findOneAndUpdate(
          { _id, seats: { $gt: 0 } },
          { $inc: { seats: -1 }, $push: { holders: buyer } },
          { returnDocument: 'after' },
        ),
      ),
    );
    assert.equal(results.filter((doc) => doc !== null).length, 2, `round ${round}: two buyers get a seat`);
    const final = await collection.findOne({ _id });
    assert.equal(final?.seats, 0, `round ${round}: no seat sold twice`);
    assert.equal(final?.holders.length, 2, `round ${round}: two holders`);

    const counter = `counter-${round}`;
    await collection.insertOne({ _id: counter, seats: 0, holders: [] });
    await Promise.all(Array.from({ length: 8 }, () => collection.updateOne({ _id: counter }, { $inc: { seats: 1 } })));
    assert.equal((await collection.findOne({ _id: counter }))?.seats, 8, `round ${round}: no lost $inc`);
  }
});
