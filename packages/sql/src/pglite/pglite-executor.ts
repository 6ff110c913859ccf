import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { checkChannel, type SqlDatabase, type SqlExecutor } from '../executor.ts';
import { transactionExecutor } from '../savepoints.ts';

type Queryable = Pick<Transaction, 'query'>;

/** Runs one statement; a statement name (QueryOptions) is ignored: PGlite is one in-process backend. */
async function rowsOf<Row extends object>(
  target: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  const result = await target.query<Row>(sql, [...params]);
  return result.rows;
}

/**
 * The PGlite adapter. PGlite is one backend in this process: a transaction holds it exclusively, so
 * other statements (and transactions) wait until it ends — concurrency is serialised, never parallel.
 */
export function pgliteExecutor(db: PGliteInterface): SqlExecutor {
  return {
    query: (sql, params) => rowsOf(db, sql, params),
    transaction: (work) => db.transaction((tx) => work(transactionExecutor((sql, params) => rowsOf(tx, sql, params)))),
    // In-process: PGlite delivers a committed NOTIFY to this process's listeners.
    async listen(channel, handlers) {
      const unlisten = await db.listen(checkChannel(channel), () => handlers.notify());
      return () => unlisten();
    },
  };
}

export interface PGliteDatabaseOptions {
  /** A folder to persist to; in memory when absent. */
  readonly dataDir?: string;
}

/** Starts a PGlite of its own; `close()` stops it. */
export async function openPGliteDatabase(options: PGliteDatabaseOptions = {}): Promise<SqlDatabase> {
  // PGlite makes only the last folder of its path.
  if (options.dataDir !== undefined) await mkdir(dirname(options.dataDir), { recursive: true });
  const db = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  return pgliteDatabase(db, () => db.close());
}

/** A PGlite engine the caller opened, as a database; `close` is what closing it does (default nothing). */
export function pgliteDatabase(db: PGliteInterface, close: () => Promise<void> = () => Promise.resolve()): SqlDatabase {
  return { kind: 'pglite', connection: { kind: 'pglite', pglite: db }, ...pgliteExecutor(db), close };
}
