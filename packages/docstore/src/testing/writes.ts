import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyDocument, BaseDocument, Update } from '../port.ts';
import { freshCollection, rejectsWith, type OpenStore } from './harness.ts';

interface Show extends BaseDocument {
  readonly title: string;
  readonly seats: number;
  readonly venue?: { readonly name: string; readonly city?: string };
  readonly buyers?: readonly string[];
  readonly note?: string;
}

const show: Show = { _id: 's1', title: 'Hamlet', seats: 3, venue: { name: 'Globe' }, note: 'matinee' };

export function writeContract(adapter: string, open: OpenStore): void {
  const shows = async (t: Parameters<typeof freshCollection>[0]) => {
    const { items } = await freshCollection<Show>(t, open);
    await items.insertOne(show);
    return items;
  };

  test(`${adapter}: a conditional update applies when its filter matches and answers the document after`, async (t) => {
    const items = await shows(t);
    const after = await items.updateOne({ _id: 's1', seats: { $gte: 2 } }, { $inc: { seats: -2 } });
    assert.deepEqual(after, { ...show, seats: 1 });
    assert.equal(await items.updateOne({ _id: 's1', seats: { $gte: 2 } }, { $inc: { seats: -2 } }), null);
    assert.equal(await items.updateOne({ _id: 'nope' }, { $set: { title: 'x' } }), null);
    assert.deepEqual(await items.findOne({ _id: 's1' }), { ...show, seats: 1 });
  });

  test(`${adapter}: $set (dotted, making sub-documents) $unset $inc and $push change one document`, async (t) => {
    const items = await shows(t);
    await items.insertOne({ _id: 's2', title: 'Lear', seats: 9 });
    const after = await items.updateOne(
      { title: 'Hamlet' },
      {
        $set: { 'venue.city': 'London', 'extra.level.deep': true },
        $unset: { note: true },
        $inc: { seats: 10 },
        $push: { buyers: 'ada' },
      },
    );
    const expected = {
      ...show,
      seats: 13,
      venue: { name: 'Globe', city: 'London' },
      extra: { level: { deep: true } },
      buyers: ['ada'],
    };
    delete (expected as { note?: string }).note;
    assert.deepEqual(after, expected);
    const again = await items.updateOne(
      { _id: 's1' },
      { $push: { buyers: 'grace' }, $inc: { 'stats.sold': 2 }, $unset: { 'no.such': '' } },
    );
    assert.deepEqual(again?.buyers, ['ada', 'grace']);
    assert.deepEqual(again?.['stats' as keyof Show], { sold: 2 });
    assert.deepEqual(await items.findOne({ _id: 's2' }), { _id: 's2', title: 'Lear', seats: 9 });
  });

  test(`${adapter}: an update that cannot apply is DOCSTORE.INVALID_UPDATE and changes nothing`, async (t) => {
    const items = await shows(t);
    const cannot: Update[] = [{ $inc: { title: 1 } }, { $push: { title: 'x' } }, { $set: { 'title.sub': 1 } }];
    for (const update of cannot)
      await rejectsWith(items.updateOne({ _id: 's1' }, update as Update<Show>), 'DOCSTORE.INVALID_UPDATE');
    const refused: unknown[] = [
      {},
      { title: 'replacement' },
      { $set: { _id: 'other' } },
      { $set: { seats: 1 }, $inc: { seats: 1 } },
      { $set: { venue: {} }, $unset: { 'venue.name': '' } },
      { $push: { buyers: { $each: ['a', 'b'] } } },
      { $set: { note: undefined } },
      { $rename: { note: 'remark' } },
      { $inc: { seats: '1' } },
    ];
    for (const update of refused)
      await rejectsWith(items.updateOne({ _id: 's1' }, update as Update<Show>), 'DOCSTORE.INVALID_UPDATE');
    assert.deepEqual(await items.findOne({ _id: 's1' }), show);
  });

  test(`${adapter}: upsert inserts the filter's equality fields with the update applied, or updates what matches`, async (t) => {
    const items = await shows(t);
    const made = await items.updateOne(
      { title: 'Lear', 'venue.name': 'Rose' },
      { $inc: { seats: 5 } },
      { upsert: true },
    );
    assert.ok(made !== null && typeof made._id === 'string' && made._id !== '');
    assert.deepEqual(made, { _id: made._id, title: 'Lear', venue: { name: 'Rose' }, seats: 5 });
    const named = await items.updateOne({ _id: 's9' }, { $set: { title: 'Macbeth', seats: 1 } }, { upsert: true });
    assert.deepEqual(named, { _id: 's9', title: 'Macbeth', seats: 1 });
    const updated = await items.updateOne({ title: 'Lear' }, { $inc: { seats: 1 } }, { upsert: true });
    assert.deepEqual(updated, { ...made, seats: 6 });
    assert.equal(await items.count({}), 3);
    // The filter does not match, so the upsert inserts s1 again: the _id clashes.
    await rejectsWith(
      items.updateOne({ _id: 's1', seats: 99 }, { $set: { note: 'x' } }, { upsert: true }),
      'DOCSTORE.DUPLICATE',
    );
  });

  test(`${adapter}: deleteOne says whether it deleted, deleteMany how many`, async (t) => {
    const items = await shows(t);
    await items.insertOne({ _id: 's2', title: 'Lear', seats: 0 });
    await items.insertOne({ _id: 's3', title: 'Lear', seats: 4 });
    assert.equal(await items.deleteOne({ _id: 's1', seats: { $gt: 5 } }), false);
    assert.equal(await items.deleteOne({ title: 'Lear' }), true);
    assert.deepEqual(
      (await items.find({})).map((doc) => doc._id),
      ['s1', 's3'],
    );
    await items.insertOne({ _id: 's4', title: 'Lear', seats: 0 });
    assert.equal(await items.deleteMany({ seats: { $lt: 10 }, title: { $ne: 'Hamlet' } }), 2);
    assert.equal(await items.deleteMany({ title: 'Lear' }), 0);
    assert.equal(await items.deleteMany({}), 1);
    assert.equal(await items.count({}), 0);
  });

  test(`${adapter}: a document that is not storable JSON is DOCSTORE.INVALID_DOCUMENT`, async (t) => {
    const { items } = await freshCollection(t, open);
    const refused: unknown[] = [
      { title: 'no id' },
      { _id: 7 },
      { _id: '' },
      { _id: 'd', at: new Date(0) },
      { _id: 'd', n: Number.NaN },
      { _id: 'd', 'dotted.key': 1 },
      { _id: 'd', nested: { $op: 1 } },
      { _id: 'd', list: [1, undefined] },
      { _id: 'd', text: 'nul\u0000' },
    ];
    for (const doc of refused) await rejectsWith(items.insertOne(doc as AnyDocument), 'DOCSTORE.INVALID_DOCUMENT');
    await items.insertOne({ _id: 'd', kept: 1, dropped: undefined });
    assert.deepEqual(await items.findOne({ _id: 'd' }), { _id: 'd', kept: 1 });
    assert.equal(await items.count({}), 1);
  });
}
