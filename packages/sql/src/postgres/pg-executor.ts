import pg from 'pg';
import type { SqlDatabase, SqlExecutor } from '../executor.ts';
import { transactionExecutor } from '../savepoints.ts';
import { listenOnPool } from './pg-listen.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

async function rowsOf<Row extends object>(
  target: Queryable,
  sql: string,
  params: readonly unknown[] = [],
  name?: string,
): Promise<Row[]> {
  const values = [...params];
  const result = await (name === undefined
    ? target.query<Row>(sql, values)
    : target.query<Row>({ name, text: sql, values }));
  return result.rows;
}

/**
 * pg-pool takes its own 'error' listener off a client while it is checked out, and a connection that
 * fails then (the server restarted, or ended the backend) emits 'error' on the client: unheard, that
 * is an uncaught exception that ends the process. The statements in flight reject with the failure,
 * so this listener only remembers it, for `done()` to answer when the client goes back (with it, the
 * pool discards the client).
 */
function watchCheckedOut(client: pg.PoolClient): { done(): Error | undefined } {
  let failure: Error | undefined;
  const onError = (error: Error): void => {
    failure ??= error;
  };
  client.on('error', onError);
  return {
    done() {
      client.off('error', onError);
      return failure;
    },
  };
}

export interface PostgresExecutorOptions {
  /**
   * Prepare statements given a name (QueryOptions) once per connection, then only bind and execute
   * them. Default true. Turn it off behind a pooler that cannot keep prepared statements (PgBouncer in
   * transaction mode before 1.21, or without max_prepared_statements).
   */
  readonly namedStatements?: boolean;
}

/** The pg adapter over a pool the caller owns: each transaction takes one client for its duration. */
export function postgresExecutor(pool: pg.Pool, options: PostgresExecutorOptions = {}): SqlExecutor {
  const named = options.namedStatements ?? true;
  const on =
    (target: Queryable): SqlExecutor['query'] =>
    (sql, params, queryOptions) =>
      rowsOf(target, sql, params, named ? queryOptions?.name : undefined);
  return {
    query: on(pool),
    listen: (channel, handlers) => listenOnPool(pool, channel, handlers),
    async transaction(work) {
      const client = await pool.connect();
      const lost = watchCheckedOut(client);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(transactionExecutor(on(client)));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
          throw error;
        }
      } finally {
        // A client whose connection failed, or whose ROLLBACK did, is in an unknown state: destroy it
        // rather than reuse it.
        client.release(lost.done() ?? broken);
      }
    },
  };
}

export interface PostgresDatabaseOptions extends PostgresExecutorOptions {
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
  return {
    kind: 'postgres',
    connection: { kind: 'postgres', connectionString: options.connectionString },
    ...postgresExecutor(pool, options),
    close: () => pool.end(),
  };
}
