import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BaseDocument } from '../port.ts';
import { freshCollection, rejectsWith, type OpenStore } from './harness.ts';

interface Account extends BaseDocument {
  readonly email: string;
  readonly tenant: { readonly id: string; readonly region?: string };
  readonly handle: string;
  readonly n?: number;
}

const ada: Account = { _id: 'a1', email: 'ada@example.com', tenant: { id: 't1' }, handle: 'ada' };

export function indexContract(adapter: string, open: OpenStore): void {
  const accounts = (t: Parameters<typeof freshCollection>[0]) =>
    freshCollection<Account>(t, open, { uniqueIndexes: [['email'], ['tenant.id', 'handle']] });

  test(`${adapter}: a second _id is DOCSTORE.DUPLICATE on _id_, and nothing is written`, async (t) => {
    const { items } = await accounts(t);
    await items.insertOne(ada);
    const error = await rejectsWith(items.insertOne({ ...ada, email: 'other@example.com' }), 'DOCSTORE.DUPLICATE');
    assert.deepEqual([error.details.index, error.details.fields], ['_id_', ['_id']]);
    assert.equal(await items.count({}), 1);
    assert.equal(await items.count({ email: 'other@example.com' }), 0);
  });

  test(`${adapter}: a unique field refuses a second holder with DOCSTORE.DUPLICATE naming it`, async (t) => {
    const { items } = await accounts(t);
    await items.insertOne(ada);
    const clash = { ...ada, _id: 'a2', handle: 'ada2' };
    const error = await rejectsWith(items.insertOne(clash), 'DOCSTORE.DUPLICATE');
    assert.deepEqual([error.details.index, error.details.fields], ['email_1', ['email']]);
    assert.equal(error.details.collection, items.name);
    assert.equal(await items.findOne({ _id: 'a2' }), null);
    await items.insertOne({ ...clash, email: 'ada2@example.com' });
    assert.equal(await items.count({}), 2);
  });

  test(`${adapter}: a compound unique index on a dotted path refuses only the same pair`, async (t) => {
    const { items } = await accounts(t);
    await items.insertOne(ada);
    await items.insertOne({ _id: 'a2', email: 'b@example.com', tenant: { id: 't2' }, handle: 'ada' });
    await items.insertOne({ _id: 'a3', email: 'c@example.com', tenant: { id: 't1' }, handle: 'grace' });
    const clash = { _id: 'a4', email: 'd@example.com', tenant: { id: 't1', region: 'eu' }, handle: 'ada' };
    const error = await rejectsWith(items.insertOne(clash), 'DOCSTORE.DUPLICATE');
    assert.deepEqual([error.details.index, error.details.fields], ['tenant.id_1_handle_1', ['tenant.id', 'handle']]);
    assert.equal(await items.count({}), 3);
  });

  test(`${adapter}: an update onto a taken unique value is DOCSTORE.DUPLICATE and changes nothing`, async (t) => {
    const { items } = await accounts(t);
    await items.insertOne(ada);
    const grace = { _id: 'a2', email: 'grace@example.com', tenant: { id: 't1' }, handle: 'grace', n: 1 };
    await items.insertOne(grace);
    const error = await rejectsWith(
      items.updateOne({ _id: 'a2' }, { $set: { email: ada.email }, $inc: { n: 1 } }),
      'DOCSTORE.DUPLICATE',
    );
    assert.deepEqual([error.details.index, error.details.fields], ['email_1', ['email']]);
    const second = await rejectsWith(items.updateOne({ _id: 'a2' }, { $set: { handle: 'ada' } }), 'DOCSTORE.DUPLICATE');
    assert.deepEqual(second.details.fields, ['tenant.id', 'handle']);
    assert.deepEqual(await items.findOne({ _id: 'a2' }), grace);
  });

  test(`${adapter}: collection() is idempotent, and indexes added later hold from then on`, async (t) => {
    const { store, items, name } = await freshCollection<Account>(t, open);
    await items.insertOne(ada);
    const again = await store.collection<Account>(name, { uniqueIndexes: [['email']] });
    await store.collection<Account>(name, { uniqueIndexes: [['email']] });
    await rejectsWith(again.insertOne({ ...ada, _id: 'a2' }), 'DOCSTORE.DUPLICATE');
    await again.insertOne({ ...ada, _id: 'a3', email: 'x@example.com' });
    await again.insertOne({ ...ada, _id: 'a4', email: 'y@example.com' });
    const failed = await rejectsWith(store.collection(name, { uniqueIndexes: [['handle']] }), 'DOCSTORE.DUPLICATE');
    assert.deepEqual(failed.details.fields, ['handle']);
    assert.equal(await items.count({}), 3);
  });

  test(`${adapter}: illegal collection names and indexes are refused`, async (t) => {
    const { store } = await freshCollection(t, open);
    for (const name of ['', 'has-dash', 'has.dot', '1st', 'system_x', 'x'.repeat(64)]) {
      await rejectsWith(store.collection(name), 'DOCSTORE.INVALID_ARGUMENT');
    }
    await rejectsWith(store.collection('fine_name', { uniqueIndexes: [[]] }), 'DOCSTORE.INVALID_ARGUMENT');
    await rejectsWith(store.collection('fine_name', { uniqueIndexes: [['$a']] }), 'DOCSTORE.INVALID_ARGUMENT');
  });
}
