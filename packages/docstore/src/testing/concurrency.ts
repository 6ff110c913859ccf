import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BaseDocument } from '../port.ts';
import { freshCollection, rejectsWith, type OpenStore } from './harness.ts';

interface Counter extends BaseDocument {
  readonly left: number;
  readonly sold?: number;
}

export function concurrencyContract(adapter: string, open: OpenStore): void {
  test(`${adapter}: 50 concurrent conditional decrements of 20 succeed exactly 20 times (no oversell)`, async (t) => {
    const { items } = await freshCollection<Counter>(t, open);
    await items.insertOne({ _id: 'stock', left: 20 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        items.updateOne({ _id: 'stock', left: { $gte: 1 } }, { $inc: { left: -1, sold: 1 } }),
      ),
    );
    const successes = results.filter((result) => result !== null);
    assert.equal(successes.length, 20);
    assert.deepEqual(new Set(successes.map((doc) => doc.left)).size, 20, 'each success saw its own count');
    assert.deepEqual(await items.findOne({ _id: 'stock' }), { _id: 'stock', left: 0, sold: 20 });
  });

  test(`${adapter}: concurrent conditional updates by a non-_id filter take each document once`, async (t) => {
    const { items } = await freshCollection<Counter & { readonly state: string }>(t, open);
    for (let i = 0; i < 5; i += 1) await items.insertOne({ _id: `seat${i}`, left: 1, state: 'free' });
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        items.updateOne({ state: 'free', left: { $gt: 0 } }, { $set: { state: 'taken' }, $inc: { left: -1 } }),
      ),
    );
    const taken = results.filter((result) => result !== null).map((doc) => doc._id);
    assert.deepEqual(taken.sort(), ['seat0', 'seat1', 'seat2', 'seat3', 'seat4']);
    assert.equal(await items.count({ state: 'taken', left: 0 }), 5);
  });

  test(`${adapter}: concurrent upserts of one _id make one document and lose no increment`, async (t) => {
    const { items } = await freshCollection<Counter>(t, open);
    await Promise.all(
      Array.from({ length: 10 }, () => items.updateOne({ _id: 'hits' }, { $inc: { left: 1 } }, { upsert: true })),
    );
    assert.deepEqual(await items.find({}), [{ _id: 'hits', left: 10 }]);
  });

  test(`${adapter}: ping answers, kind names the adapter, and a closed store refuses work`, async (t) => {
    const { store, items } = await freshCollection(t, open);
    assert.equal(typeof (await store.ping()), 'string');
    assert.ok(store.kind === 'mongodb' || store.kind === 'embedded');
    await store.close();
    await store.close();
    await rejectsWith(store.ping(), 'DOCSTORE.CLOSED');
    await rejectsWith(store.collection('after_close'), 'DOCSTORE.CLOSED');
    await rejectsWith(items.find({}), 'DOCSTORE.CLOSED');
  });
}
