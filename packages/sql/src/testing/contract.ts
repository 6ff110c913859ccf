import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sqlState, violatedConstraint, type SqlDatabase } from '../executor.ts';

/** A database for one test, and how to give it back. */
export interface SqlUnderTest {
  readonly db: SqlDatabase;
  close(): Promise<void>;
}

/**
 * The SQL port's contract: what every adapter (PostgreSQL, PGlite) does the same way. Each test makes
 * a table of its own, so the suite can run against a shared server.
 */
export function sqlContract(adapter: string, open: () => Promise<SqlUnderTest>): void {
  const withTable = async (t: { after: (fn: () => Promise<void>) => void }) => {
    const target = await open();
    const table = `sql_contract_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await target.db.query(`CREATE TABLE ${table} (id text PRIMARY KEY, n integer NOT NULL DEFAULT 0)`);
    t.after(async () => {
      await target.db.query(`DROP TABLE IF EXISTS ${table}`);
      await target.close();
    });
    return { db: target.db, table };
  };
  const count = async (db: SqlDatabase, table: string) =>
    Number((await db.query<{ c: string | number }>(`SELECT count(*) AS c FROM ${table}`))[0]?.c);

  test(`${adapter}: statements bind $n parameters and answer rows`, async (t) => {
    const { db, table } = await withTable(t);
    await db.query(`INSERT INTO ${table} (id, n) VALUES ($1, $2), ($3, $4)`, ['a', 1, 'b', 2]);
    const rows = await db.query<{ id: string; n: number }>(`SELECT id, n FROM ${table} WHERE n > $1 ORDER BY id`, [0]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.n]),
      [
        ['a', 1],
        ['b', 2],
      ],
    );
    assert.equal(db.kind === 'postgres' || db.kind === 'pglite', true);
  });

  test(`${adapter}: a transaction commits when its work resolves and rolls back when it throws`, async (t) => {
    const { db, table } = await withTable(t);
    await db.transaction((tx) => tx.query(`INSERT INTO ${table} (id) VALUES ('kept')`));
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id) VALUES ('undone')`);
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await count(db, table), 1);
  });

  test(`${adapter}: a nested transaction is a savepoint: its failure undoes only itself`, async (t) => {
    const { db, table } = await withTable(t);
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id) VALUES ('outer')`);
      await assert.rejects(
        tx.transaction(async (inner) => {
          await inner.query(`INSERT INTO ${table} (id) VALUES ('inner')`);
          throw new Error('inner fails');
        }),
      );
      await tx.transaction((inner) => inner.query(`INSERT INTO ${table} (id) VALUES ('inner-2')`));
    });
    const ids = (await db.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
    assert.deepEqual(ids, ['inner-2', 'outer']);
  });

  test(`${adapter}: a unique violation carries its SQLSTATE and constraint`, async (t) => {
    const { db, table } = await withTable(t);
    await db.query(`INSERT INTO ${table} (id) VALUES ('x')`);
    const error = await db.query(`INSERT INTO ${table} (id) VALUES ('x')`).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal(sqlState(error), '23505');
    assert.equal(violatedConstraint(error), `${table}_pkey`);
  });

  test(`${adapter}: concurrent increments in transactions lose nothing`, async (t) => {
    const { db, table } = await withTable(t);
    await db.query(`INSERT INTO ${table} (id, n) VALUES ('c', 0)`);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>(`SELECT n FROM ${table} WHERE id = 'c' FOR UPDATE`);
          await tx.query(`UPDATE ${table} SET n = $1 WHERE id = 'c'`, [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    const [row] = await db.query<{ n: number }>(`SELECT n FROM ${table} WHERE id = 'c'`);
    assert.equal(row?.n, 20);
  });

  test(`${adapter}: a NOTIFY reaches a listener when its transaction commits, not when it rolls back`, async (t) => {
    const { db } = await withTable(t);
    assert.ok(db.listen !== undefined, 'the adapter can listen');
    const channel = `contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    let notified = 0;
    const unlisten = await db.listen(channel, { notify: () => void (notified += 1) });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(`NOTIFY ${channel}`);
        throw new Error('rolled back');
      }),
    );
    await db.transaction((tx) => tx.query(`NOTIFY ${channel}`));
    const deadline = Date.now() + 10_000;
    while (notified === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await unlisten();
    assert.equal(notified, 1);
  });
}
