import type { SqlExecutor } from './executor.ts';

/** What both drivers' connections (a pg client, a PGlite transaction) offer. */
export interface RowsQueryable {
  query<Row extends object>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** An executor on one connection inside an open transaction; nested transactions are savepoints. */
export function transactionExecutor(connection: RowsQueryable, depth = 1): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      return (await connection.query<Row>(sql, [...params])).rows;
    },
    async transaction(work) {
      const savepoint = `eventstore_sp_${depth}`;
      await connection.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await work(transactionExecutor(connection, depth + 1));
        await connection.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await connection.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
  };
}
