import { mkdir } from 'node:fs/promises';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { fromPglite, type Db } from 'pg-boss';
import type { JobDatabase } from './database.ts';

/**
 * PGlite, the embedded engine: one PostgreSQL backend in this process. pg-boss runs on it directly
 * (its `pglite` backend), no socket in between. Statements take turns; a transaction holds the
 * engine until it ends.
 */
export function pgliteJobDatabase(pglite: PGliteInterface, owned: boolean): JobDatabase {
  return {
    kind: 'pglite',
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pglite.query<Row>(sql, [...params])).rows;
    },
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<Row>(sql, [...params])).rows,
          boss: transactionDb(tx),
        }),
      ),
    bossOptions: () => ({ db: fromPglite(pglite), backend: 'pglite', useListenNotify: true }),
    close: async () => {
      if (owned) await pglite.close();
    },
  };
}

/** Opens (creating if needed) the embedded database in `dataDir`, or in memory without one. */
export async function openPGliteJobDatabase(dataDir?: string): Promise<JobDatabase> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true }); // PGlite makes only the last folder
  const pglite = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  return pgliteJobDatabase(pglite, true);
}

/** pg-boss's statements inside our transaction (as `fromPglite` does: no parameters may mean several statements). */
function transactionDb(tx: Transaction): Db {
  return {
    async executeSql(text, values) {
      if (values !== undefined && values.length > 0) return { rows: (await tx.query(text, values)).rows };
      const results = await tx.exec(text);
      return { rows: results.flatMap((result) => result.rows) };
    },
  };
}
