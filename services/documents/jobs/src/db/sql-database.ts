import { fromPglite, type ConstructorOptions } from 'pg-boss';
import type { SqlDatabase } from '@eventflow/sql';
import type { JobDatabase } from './database.ts';

/**
 * The job database on the platform's SQL port: our statements go through it, and pg-boss reaches the
 * same database with its own driver (a pool on PostgreSQL's URL, or the PGlite engine itself). Inside
 * a transaction pg-boss's statements take our connection, so a job and our rows commit together.
 */
export function jobDatabase(sql: SqlDatabase, owned: boolean): JobDatabase {
  return {
    kind: sql.kind,
    sql,
    query: (text, params) => sql.query(text, params),
    transaction: (work) =>
      sql.transaction((tx) =>
        work({
          query: (text, params) => tx.query(text, params),
          boss: { executeSql: async (text, values) => ({ rows: await tx.query(text, values ?? []) }) },
        }),
      ),
    bossOptions: () => bossOptions(sql),
    close: () => (owned ? sql.close() : Promise.resolve()),
  };
}

function bossOptions(sql: SqlDatabase): ConstructorOptions {
  const connection = sql.connection;
  if (connection.kind === 'pglite') {
    return { db: fromPglite(connection.pglite), backend: 'pglite', useListenNotify: true };
  }
  return {
    connectionString: connection.connectionString,
    max: 10,
    application_name: 'hangfire-server',
    useListenNotify: true,
  };
}
