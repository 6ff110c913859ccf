import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDocStoreError } from '../errors.ts';
import { parseFilter } from '../validate/filter.ts';
import { checkFindOptions } from '../validate/options.ts';
import { parseUpdate } from '../validate/update.ts';
import { applyUpdate, upsertSeed } from './apply.ts';
import { matches } from './matcher.ts';
import { compareStrings } from './order.ts';
import { sortDocuments } from './sort.ts';

const match = (doc: object, filter: object) => matches(doc, parseFilter('t', filter));

test('the matcher reads paths through sub-documents and one level of arrays, and by index', () => {
  const doc = { _id: 'x', a: { b: 1 }, items: [{ sku: 'p', qty: 2 }, { sku: 'q' }], tags: ['t1', 't2'], grid: [[1]] };
  assert.equal(match(doc, { 'a.b': 1 }), true);
  assert.equal(match(doc, { 'items.sku': 'q' }), true);
  assert.equal(match(doc, { 'items.1.sku': 'q' }), true);
  assert.equal(match(doc, { 'items.0.sku': 'q' }), false);
  assert.equal(match(doc, { 'items.qty': null }), true, 'one element lacks qty');
  assert.equal(match(doc, { tags: 't2', 'tags.0': 't1' }), true);
  assert.equal(match(doc, { grid: 1 }), false, 'nested arrays are not unwrapped twice');
  assert.equal(match(doc, { grid: [1] }), true);
  assert.equal(match(doc, { 'a.b.c': { $exists: false }, 'a.b': { $exists: true } }), true);
});

test('comparisons hold only within one type; strings compare by code point', () => {
  assert.equal(match({ n: 5 }, { n: { $gt: '4' } }), false);
  assert.equal(match({ n: '5' }, { n: { $gt: '4' } }), true);
  assert.equal(match({ n: [1, 9] }, { n: { $gt: 5, $lt: 3 } }), true, 'each bound may hold on another element');
  assert.equal(compareStrings('\uFFFD', '\u{1F600}'), -1, 'U+FFFD sorts before an astral character');
  assert.equal(compareStrings('B', 'b'), -1);
  assert.equal(compareStrings('ab', 'a'), 1);
});

test('sorting puts missing and null first, then numbers, strings, objects, arrays, booleans', () => {
  const docs = [{ v: true }, { v: [1] }, { v: { a: 1 } }, { v: 'a' }, { v: 2 }, { v: null }, {}, { v: -1 }];
  const sorted = sortDocuments(docs, checkFindOptions({ sort: { v: 1 } }).sort).map((doc) =>
    'v' in doc ? doc.v : 'missing',
  );
  assert.deepEqual(sorted, [null, 'missing', -1, 2, 'a', { a: 1 }, [1], true]);
});

test('updates apply as MongoDB does, to a copy', () => {
  const doc = { _id: 'x', n: 1, list: [1, 2], sub: { keep: true } };
  const changes = parseUpdate('t', {
    $inc: { n: 2, 'fresh.count': 1 },
    $set: { 'list.4': 9, 'sub.added': 'y' },
    $unset: { 'sub.keep': '' },
  });
  assert.deepEqual(applyUpdate('t', doc, changes), {
    _id: 'x',
    n: 3,
    list: [1, 2, null, null, 9],
    sub: { added: 'y' },
    fresh: { count: 1 },
  });
  assert.deepEqual(doc, { _id: 'x', n: 1, list: [1, 2], sub: { keep: true } });
  assert.deepEqual(applyUpdate('t', doc, parseUpdate('t', { $unset: { 'list.0': '' } })).list, [null, 2]);
  const refuse = (update: object) =>
    assert.throws(
      () => applyUpdate('t', doc, parseUpdate('t', update)),
      (e) => isDocStoreError(e, 'DOCSTORE.INVALID_UPDATE'),
    );
  refuse({ $set: { 'list.x': 1 } });
  refuse({ $set: { 'n.x': 1 } });
  refuse({ $push: { n: 1 } });
  refuse({ $inc: { sub: 1 } });
});

test('an upsert starts from the equality fields of its filter', () => {
  const seed = upsertSeed(
    't',
    parseFilter('t', { a: 1, 'b.c': 'x', d: { $eq: true }, e: { $gt: 1 }, f: { $in: [1] } }),
  );
  assert.deepEqual(seed, { a: 1, b: { c: 'x' }, d: true });
});
