import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyDocument, DocumentCollection, Filter } from '../port.ts';
import { freshCollection, ids, rejectsWith, type OpenStore } from './harness.ts';

const people: AnyDocument[] = [
  { _id: 'p1', name: 'Ada', age: 36, city: 'London', address: { city: 'London', zip: 'N1' }, tags: ['math', 'code'] },
  { _id: 'p2', name: 'Grace', age: 85, city: 'New York', address: { city: 'Arlington' }, tags: ['navy'] },
  { _id: 'p3', name: 'Alan', age: 41, city: 'London', nickname: null, tags: [] },
  {
    _id: 'p4',
    name: 'Edsger',
    age: 72,
    city: 'Austin',
    orders: [
      { sku: 'a', qty: 2 },
      { sku: 'b', qty: 5 },
    ],
  },
  { _id: 'p5', name: 'Barbara', age: '82', city: 'Boston', nickname: 'Liskov' },
];

async function seeded(t: Parameters<typeof freshCollection>[0], open: OpenStore) {
  const { items } = await freshCollection(t, open);
  for (const person of people) await items.insertOne(person);
  return items;
}

async function idsOf(items: DocumentCollection<AnyDocument>, filter: Filter): Promise<string[]> {
  return ids(await items.find(filter));
}

export function queryContract(adapter: string, open: OpenStore): void {
  test(`${adapter}: a document is found as inserted, by _id, by field and by dotted field`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(await items.findOne({ _id: 'p1' }), people[0]);
    assert.deepEqual(await items.findOne({ name: 'Grace' }), people[1]);
    assert.equal((await items.findOne({ 'address.city': 'Arlington' }))?._id, 'p2');
    assert.deepEqual(await idsOf(items, { city: 'London', 'address.zip': 'N1' }), ['p1']);
    assert.equal(await items.findOne({ name: 'Nobody' }), null);
    assert.deepEqual(await idsOf(items, {}), ['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  test(`${adapter}: an array field matches by its elements; a dotted path runs through an array of sub-documents`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(await idsOf(items, { tags: 'code' }), ['p1']);
    assert.deepEqual(await idsOf(items, { tags: ['navy'] }), ['p2']);
    assert.deepEqual(await idsOf(items, { 'orders.sku': 'b' }), ['p4']);
    assert.deepEqual(await idsOf(items, { 'orders.qty': { $gte: 5 } }), ['p4']);
  });

  test(`${adapter}: $eq $ne $in $nin, where null also stands for a missing field`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(await idsOf(items, { city: { $eq: 'Austin' } }), ['p4']);
    assert.deepEqual(await idsOf(items, { city: { $ne: 'London' } }), ['p2', 'p4', 'p5']);
    assert.deepEqual(await idsOf(items, { city: { $in: ['Austin', 'Boston', 'Paris'] } }), ['p4', 'p5']);
    assert.deepEqual(await idsOf(items, { city: { $nin: ['London', 'Austin'] } }), ['p2', 'p5']);
    assert.deepEqual(await idsOf(items, { nickname: null }), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(await idsOf(items, { nickname: { $ne: null } }), ['p5']);
    assert.deepEqual(await idsOf(items, { nickname: { $in: [null, 'Liskov'] } }), ['p1', 'p2', 'p3', 'p4', 'p5']);
    assert.deepEqual(await idsOf(items, { nickname: { $nin: [null] } }), ['p5']);
    assert.deepEqual(await idsOf(items, { 'address.zip': { $ne: 'N1' } }), ['p2', 'p3', 'p4', 'p5']);
  });

  test(`${adapter}: $gt $gte $lt $lte compare numbers with numbers and strings with strings`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(await idsOf(items, { age: { $gt: 72 } }), ['p2']);
    assert.deepEqual(await idsOf(items, { age: { $gte: 72 } }), ['p2', 'p4']);
    assert.deepEqual(await idsOf(items, { age: { $lt: 41 } }), ['p1']);
    assert.deepEqual(await idsOf(items, { age: { $lte: 41 } }), ['p1', 'p3']);
    assert.deepEqual(await idsOf(items, { age: { $gt: 40, $lt: 80 } }), ['p3', 'p4']);
    assert.deepEqual(await idsOf(items, { age: { $gte: '0' } }), ['p5']);
    assert.deepEqual(await idsOf(items, { name: { $gte: 'B', $lt: 'F' } }), ['p4', 'p5']);
    assert.deepEqual(await idsOf(items, { name: { $gt: 'alan' } }), []);
  });

  test(`${adapter}: $exists says whether a field is there, null or not`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(await idsOf(items, { nickname: { $exists: true } }), ['p3', 'p5']);
    assert.deepEqual(await idsOf(items, { nickname: { $exists: false } }), ['p1', 'p2', 'p4']);
    assert.deepEqual(await idsOf(items, { 'address.zip': { $exists: true } }), ['p1']);
    assert.deepEqual(await idsOf(items, { address: { $exists: true }, 'address.zip': { $exists: false } }), ['p2']);
  });

  test(`${adapter}: find sorts by several keys (missing first), then skips and limits; count counts`, async (t) => {
    const items = await seeded(t, open);
    assert.deepEqual(ids(await items.find({}, { sort: { city: 1, name: -1 } })), ['p4', 'p5', 'p3', 'p1', 'p2']);
    assert.deepEqual(ids(await items.find({}, { sort: { 'address.city': 1 } })), ['p3', 'p4', 'p5', 'p2', 'p1']);
    assert.deepEqual(ids(await items.find({}, { sort: { name: 1 }, skip: 1, limit: 2 })), ['p3', 'p5']);
    assert.deepEqual(ids(await items.find({ city: 'London' }, { sort: { age: -1 } })), ['p3', 'p1']);
    assert.deepEqual(ids(await items.find({}, { skip: 3 })), ['p4', 'p5']);
    assert.deepEqual(ids(await items.find({ city: 'London' }, { limit: 1 })), ['p1']);
    assert.equal(await items.count({}), 5);
    assert.equal(await items.count({ city: 'London' }), 2);
    assert.equal(await items.count({ age: { $gte: 41 } }), 3);
    await rejectsWith(items.find({}, { limit: 0 }), 'DOCSTORE.INVALID_ARGUMENT');
    await rejectsWith(items.find({}, { skip: -1 }), 'DOCSTORE.INVALID_ARGUMENT');
  });

  test(`${adapter}: what the port does not offer is refused, on every adapter alike`, async (t) => {
    const items = await seeded(t, open);
    const refused: unknown[] = [
      { $or: [{ city: 'London' }] },
      { address: { city: 'London' } },
      { city: undefined },
      { city: { $regex: '^L' } },
      { age: { $gt: null } },
      { city: { $in: 'London' } },
      { tags: { $exists: 1 } },
      { 'a..b': 1 },
    ];
    for (const filter of refused) await rejectsWith(items.find(filter as Filter), 'DOCSTORE.INVALID_FILTER');
  });
}
