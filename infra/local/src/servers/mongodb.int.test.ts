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
  // Take a seat only while one is left: the single-document atomic operation the platform relies on.
  const take = (holder: string) =>
    collection.findOneAndUpdate(
      { _id: 'concert', seats: { $gt: 0 } },
      { $inc: { seats: -1 }, $push: { holders: holder } },
      { returnDocument: 'after' },
    );
  const results = await Promise.all(['ana', 'ben', 'cai'].map(take));
  const winners = results.filter((doc) => doc !== null);
  assert.equal(winners.length, 2, 'two seats, two holders; the third finds none');
  const final = await collection.findOne({ _id: 'concert' });
  assert.equal(final?.seats, 0);
  assert.equal(final?.holders.length, 2);
});
