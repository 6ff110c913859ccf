import pg from 'pg';
import type { Db } from 'pg-boss';
import type { JobDatabase, SqlRunner } from './database.ts';

/**
 * PostgreSQL through `pg`: a small pool for the job server's own statements and transactions;
 * pg-boss opens its own pool (with a LISTEN connection) on the same URL.
 */
export function postgresJobDatabase(url: string, options: { readonly poolSize?: number } = {}): JobDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 5, application_name: 'hangfire-server' });
  pool.on('error', () => undefined); // an idle client dropped by the server is replaced on next use
  const pooled = runner(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => pooled.query(sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const boss: Db = { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) };
        const result = await work({ ...runner(client), boss });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    bossOptions: () => ({ connectionString: url, max: 10, application_name: 'hangfire-server', useListenNotify: true }),
    close: () => pool.end(),
  };
}

function runner(target: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}
