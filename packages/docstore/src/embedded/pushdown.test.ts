// The pushed-down SQL must never drop a match, and must select exactly the matches when it says so.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { matches } from '../evaluate/matcher.ts';
import { parseFilter } from '../validate/filter.ts';
import { pushdown } from './sql-text.ts';

const sql = await openPGliteDatabase();
after(() => sql.close());

const docs = [
  { _id: 'd1', a: 1, s: 'x"y\\z\n\u00e9', tags: ['p', 'q'], b: { c: true } },
  { _id: 'd2', a: 1.5, s: 'x', tags: 'p', b: [{ c: true }, { c: false }] },
  { _id: 'd3', a: [1, 2], s: '\u{1F600}', b: { c: 'true' } },
  { _id: 'd4', a: -1, b: { c: null }, n: [[1]] },
  { _id: 'd5', a: '1', nested: { deep: { er: 1 } } },
];

const filters: object[] = [
  { a: 1 },
  { a: -1 },
  { a: 1.5 },
  { a: '1' },
  { s: 'x"y\\z\n\u00e9' },
  { s: '\u{1F600}' },
  { tags: 'p' },
  { tags: ['p', 'q'] },
  { 'b.c': true },
  { 'b.c': null },
  { 'b.c': 'true', a: 1 },
  { n: 1 },
  { 'nested.deep.er': 1 },
  { _id: 'd2', a: 1.5 },
  { _id: { $in: ['d1', 'd5'] }, a: { $gte: 1 } },
  { 'a.0': 1 },
  { a: { $ne: 1 } },
  { _id: { $gt: 'd2' } },
  { _id: { $gte: 'd2', $lt: 'd4' } },
  { _id: { $lte: 'd3' }, a: 1 },
];

test('pushdown selects a superset of the matches, and exactly them when exact', async () => {
  await sql.query('CREATE TABLE pushdown (_id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL)');
  for (const doc of docs)
    await sql.query('INSERT INTO pushdown VALUES ($1, $2::jsonb)', [doc._id, JSON.stringify(doc)]);
  for (const filter of filters) {
    const clauses = parseFilter('pushdown', filter);
    const where = pushdown(clauses);
    const rows = await sql.query<{ doc: { _id: string } }>(
      `SELECT doc FROM pushdown WHERE ${where.where} ORDER BY _id`,
      where.params,
    );
    const selected = rows.map((row) => row.doc._id);
    const matched = docs.filter((doc) => matches(doc, clauses)).map((doc) => doc._id);
    const label = JSON.stringify(filter);
    assert.ok(
      matched.every((id) => selected.includes(id)),
      `${label}: SQL dropped a match (${selected.join()} ⊉ ${matched.join()})`,
    );
    if (where.exact) assert.deepEqual(selected, matched, `${label}: exact pushdown`);
  }
});

test('the equality pushdown is answered by the GIN index', async () => {
  await sql.query('CREATE TABLE indexed (_id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL)');
  await sql.query('CREATE INDEX indexed_gin ON indexed USING gin (doc jsonb_path_ops)');
  const where = pushdown(parseFilter('indexed', { 'b.c': true, a: 1 }));
  await sql.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const plan = await tx.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT doc FROM indexed WHERE ${where.where}`,
      where.params,
    );
    assert.match(plan.map((row) => row['QUERY PLAN']).join('\n'), /indexed_gin/);
  });
});

test('an _id range (keyset paging) is answered by the primary key alone', () => {
  assert.equal(pushdown(parseFilter('pushdown', { _id: { $gt: 'd2' } })).exact, true);
  assert.equal(pushdown(parseFilter('pushdown', { _id: { $gt: 2 } })).exact, false, 'a number is not an _id');
});
