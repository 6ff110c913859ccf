import pg from 'pg';
import type { SqlDatabase, SqlExecutor } from '../sql/executor.ts';
import { transactionExecutor } from '../sql/savepoints.ts';
import { listenOnPool } from './pg-listen.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

async function rowsOf<Row extends object>(
  target: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  const result = await target.query<Row>(sql, [...params]);
  return result.rows;
}

/** The pg adapter over a pool the caller owns: each transaction takes one client for its duration. */
export function postgresExecutor(pool: pg.Pool): SqlExecutor {
  return {
    query: (sql, params) => rowsOf(pool, sql, params),
    listen: (channel, handlers) => listenOnPool(pool, channel, handlers),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(transactionExecutor(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
          throw error;
        }
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken);
      }
    },
  };
}

export interface PostgresDatabaseOptions {
  readonly connectionString: string;
  /** Pool size; concurrent appends to different streams each hold one connection. Default 10. */
  readonly maxConnections?: number;
  readonly applicationName?: string;
}

/** Opens a pool of its own; `close()` ends it. */
export function openPostgresDatabase(options: PostgresDatabaseOptions): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'eventflow-eventstore',
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', () => undefined);
  return { kind: 'postgres', ...postgresExecutor(pool), close: () => pool.end() };
}
