import type { SqlExecutor } from '@eventflow/sql';

/**
 * Transaction-scoped advisory locks, named by text (hashed to PostgreSQL's 64-bit key). They are held
 * until `tx` commits or rolls back — or until its connection dies, so a crashed holder never keeps one.
 * On PGlite there is one backend, so they never contend, and the same SQL runs.
 */
export async function tryAdvisoryLock(tx: SqlExecutor, name: string): Promise<boolean> {
  const [row] = await tx.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
    [name],
  );
  return row?.locked === true;
}

/** Waits for the lock (see tryAdvisoryLock). */
export async function advisoryLock(tx: SqlExecutor, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
}
