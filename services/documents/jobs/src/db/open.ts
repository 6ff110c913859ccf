import type { PGliteInterface } from '@electric-sql/pglite';
import type { SqlDatabase } from '@eventflow/sql';
import { openPGliteDatabase, pgliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import type { JobDatabase } from './database.ts';
import { jobDatabase } from './sql-database.ts';

/**
 * Where the jobs live: the platform's SQL port (`{ sql }`, what the host gives; owned by the host), a
 * PostgreSQL URL, `{ dataDir }` for the embedded engine in that folder (in memory without one), or
 * `{ pglite }`, an engine the caller owns.
 */
export type JobDatabaseOption =
  { readonly sql: SqlDatabase } | string | { readonly dataDir?: string } | { readonly pglite: PGliteInterface };

export async function openJobDatabase(option: JobDatabaseOption): Promise<JobDatabase> {
  if (typeof option === 'string') {
    return jobDatabase(
      openPostgresDatabase({ connectionString: option, maxConnections: 5, applicationName: 'hangfire-server' }),
      true,
    );
  }
  if ('sql' in option) return jobDatabase(option.sql, false);
  if ('pglite' in option) return jobDatabase(pgliteDatabase(option.pglite), false);
  return jobDatabase(await openPGliteDatabase(option.dataDir === undefined ? {} : { dataDir: option.dataDir }), true);
}

/** Where the option points, for logs and readiness (never a password). */
export function describeDatabase(option: JobDatabaseOption): string {
  if (typeof option === 'string') return describeUrl(option);
  if ('sql' in option) {
    const connection = option.sql.connection;
    return connection.kind === 'postgres' ? describeUrl(connection.connectionString) : 'pglite';
  }
  if ('pglite' in option) return 'pglite (shared)';
  return option.dataDir === undefined ? 'pglite (in memory)' : `pglite ${option.dataDir}`;
}

function describeUrl(text: string): string {
  const url = new URL(text);
  return `postgres ${url.host}${url.pathname}`;
}
