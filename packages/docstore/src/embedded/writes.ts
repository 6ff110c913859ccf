import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@eventflow/sql';
import { applyUpdate, upsertSeed } from '../evaluate/apply.ts';
import { matches } from '../evaluate/matcher.ts';
import type { Clause } from '../validate/filter.ts';
import { checkDocument } from '../validate/document.ts';
import type { Change } from '../validate/update.ts';
import { pushdown } from './sql-text.ts';
import { selectDocs } from './reads.ts';
import type { CollectionTable } from './tables.ts';

interface Stored {
  readonly _id: string;
}

/**
 * Inside a transaction: the first match in `_id` order, locked (FOR UPDATE) and matched again after
 * the lock, so a writer that changed it first is seen. If that writer made it stop matching, look
 * again: each retry means another writer committed, so this ends.
 */
export async function lockFirstMatch<T extends Stored>(
  tx: SqlExecutor,
  table: string,
  clauses: readonly Clause[],
): Promise<T | undefined> {
  const where = pushdown(clauses);
  for (;;) {
    const candidates = await selectDocs<T>(tx, table, where, where.exact ? ' LIMIT 1' : '');
    const found = candidates.find((doc) => matches(doc, clauses));
    if (found === undefined) return undefined;
    const [locked] = await tx.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE _id = $1 FOR UPDATE`, [found._id]);
    if (locked !== undefined && matches(locked.doc, clauses)) return locked.doc;
  }
}

/** updateOne in one transaction: the locked match updated, or the upsert inserted, or null. */
export async function updateIn<T extends Stored>(
  tx: SqlExecutor,
  target: CollectionTable,
  clauses: readonly Clause[],
  changes: readonly Change[],
  upsert: boolean,
): Promise<T | null> {
  const { collection, table } = target;
  const current = await lockFirstMatch<T>(tx, table, clauses);
  if (current !== undefined) {
    const next = applyUpdate(collection, current, changes);
    checkDocument(collection, next);
    await tx.query(`UPDATE ${table} SET doc = $2::jsonb WHERE _id = $1`, [current._id, JSON.stringify(next)]);
    return next;
  }
  if (!upsert) return null;
  const seed = upsertSeed(collection, clauses);
  const inserted = applyUpdate(collection, { _id: randomUUID(), ...seed }, changes);
  checkDocument(collection, inserted);
  await tx.query(`INSERT INTO ${table} (_id, doc) VALUES ($1, $2::jsonb)`, [inserted._id, JSON.stringify(inserted)]);
  return inserted as unknown as T;
}

/** deleteMany: the matches locked, then deleted by `_id`. */
export async function deleteMatches(tx: SqlExecutor, table: string, clauses: readonly Clause[]): Promise<number> {
  const where = pushdown(clauses);
  if (where.exact) {
    const [row] = await tx.query<{ n: string | number }>(
      `WITH gone AS (DELETE FROM ${table} WHERE ${where.where} RETURNING 1) SELECT count(*) AS n FROM gone`,
      where.params,
    );
    return Number(row?.n ?? 0);
  }
  const locked = await selectDocs<Stored>(tx, table, where, ' FOR UPDATE');
  const ids = locked.filter((doc) => matches(doc, clauses)).map((doc) => doc._id);
  if (ids.length === 0) return 0;
  await tx.query(`DELETE FROM ${table} WHERE _id = ANY($1::text[])`, [ids]);
  return ids.length;
}
