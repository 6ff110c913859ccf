import type { PGliteInterface } from '@electric-sql/pglite';
import type { JobDatabase } from './database.ts';
import { openPGliteJobDatabase, pgliteJobDatabase } from './pglite.ts';
import { postgresJobDatabase } from './postgres.ts';

/**
 * Where the jobs live: a PostgreSQL URL; `{ dataDir }` for the embedded engine in that folder (in
 * memory without one), opened and closed by the service; or `{ pglite }`, an engine the caller owns.
 */
export type JobDatabaseOption = string | { readonly dataDir?: string } | { readonly pglite: PGliteInterface };

export async function openJobDatabase(option: JobDatabaseOption): Promise<JobDatabase> {
  if (typeof option === 'string') return postgresJobDatabase(option);
  if ('pglite' in option) return pgliteJobDatabase(option.pglite, false);
  return openPGliteJobDatabase(option.dataDir);
}

/** Where the option points, for logs and readiness (never a password). */
export function describeDatabase(option: JobDatabaseOption): string {
  if (typeof option === 'string') {
    const url = new URL(option);
    return `postgres ${url.host}${url.pathname}`;
  }
  if ('pglite' in option) return 'pglite (shared)';
  return option.dataDir === undefined ? 'pglite (in memory)' : `pglite ${option.dataDir}`;
}
