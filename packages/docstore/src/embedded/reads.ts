import type { SqlExecutor } from '@eventflow/sql';
import { matches } from '../evaluate/matcher.ts';
import { sortDocuments } from '../evaluate/sort.ts';
import type { Clause } from '../validate/filter.ts';
import type { CheckedFindOptions } from '../validate/options.ts';
import { pushdown, type Pushdown } from './sql-text.ts';

/** Rows the pushed-down part selects, in `_id` order; `tail` continues the statement (LIMIT, FOR UPDATE). */
export async function selectDocs<T>(
  executor: SqlExecutor,
  table: string,
  where: Pushdown,
  tail = '',
  extra: readonly unknown[] = [],
): Promise<T[]> {
  const sql = `SELECT doc FROM ${table} WHERE ${where.where} ORDER BY _id${tail}`;
  const rows = await executor.query<{ doc: T }>(sql, [...where.params, ...extra]);
  return rows.map((row) => row.doc);
}

/** Every match, in `_id` order: the indexes narrow, the matcher decides what they could not. */
export async function allMatches<T>(executor: SqlExecutor, table: string, clauses: readonly Clause[]): Promise<T[]> {
  const where = pushdown(clauses);
  const docs = await selectDocs<T>(executor, table, where);
  return where.exact ? docs : docs.filter((doc) => matches(doc, clauses));
}

/** find: all in SQL when it can answer the filter alone and no sort is asked; else sorted and paged here. */
export async function findDocs<T>(
  executor: SqlExecutor,
  table: string,
  clauses: readonly Clause[],
  options: CheckedFindOptions,
): Promise<T[]> {
  const where = pushdown(clauses);
  const { limit, skip, sort } = options;
  if (where.exact && sort.length === 0) {
    const first = where.params.length + 1;
    return selectDocs<T>(executor, table, where, ` LIMIT $${first} OFFSET $${first + 1}`, [limit ?? null, skip]);
  }
  const sorted = sortDocuments(await allMatches<T>(executor, table, clauses), sort);
  return sorted.slice(skip, limit === undefined ? undefined : skip + limit);
}

export async function countDocs(executor: SqlExecutor, table: string, clauses: readonly Clause[]): Promise<number> {
  const where = pushdown(clauses);
  if (!where.exact) return (await allMatches(executor, table, clauses)).length;
  const [row] = await executor.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${table} WHERE ${where.where}`,
    where.params,
  );
  return Number(row?.n ?? 0);
}
