import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { checkChannel, type SqlDatabase, type SqlExecutor } from '../executor.ts';
import { transactionExecutor } from '../savepoints.ts';
import { pgliteTemplate } from './template.ts';

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

/**
 * Starts a PGlite of its own; `close()` stops it. A new database (in memory, or a folder not yet
 * initialised) starts from the machine's template (see template.ts): ~0.25 s instead of initdb's 1-3 s.
 */
export async function openPGliteDatabase(options: PGliteDatabaseOptions = {}): Promise<SqlDatabase> {
  // PGlite makes only the last folder of its path.
  if (options.dataDir !== undefined) await mkdir(dirname(options.dataDir), { recursive: true });
  const fresh = options.dataDir === undefined || !existsSync(join(options.dataDir, 'PG_VERSION'));
  const loadDataDir = fresh ? await pgliteTemplate() : undefined;
  const db = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(loadDataDir === undefined ? {} : { loadDataDir }),
  });
  return pgliteDatabase(db, () => db.close());
}

/** A PGlite engine the caller opened, as a database; `close` is what closing it does (default nothing). */
export function pgliteDatabase(db: PGliteInterface, close: () => Promise<void> = () => Promise.resolve()): SqlDatabase {
  return { kind: 'pglite', connection: { kind: 'pglite', pglite: db }, ...pgliteExecutor(db), close };
}
