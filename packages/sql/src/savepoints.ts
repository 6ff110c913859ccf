import type { SqlExecutor } from './executor.ts';

/**
 * An executor on one connection inside an open transaction (`query` runs a statement on that
 * connection); nested transactions are savepoints.
 */
export function transactionExecutor(query: SqlExecutor['query'], depth = 1): SqlExecutor {
  return {
    query,
    async transaction(work) {
      const savepoint = `eventstore_sp_${depth}`;
      await query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await work(transactionExecutor(query, depth + 1));
        await query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
  };
}
