import type { JobDatabase } from './database.ts';

/** The schemas of one job server: pg-boss's own, and ours beside it (continuations, recurring jobs). */
export interface JobSchemas {
  /** pg-boss's schema, e.g. `hangfire`. */
  readonly boss: string;
  /** The job server's tables, e.g. `hangfire_server`. */
  readonly server: string;
}

export function jobSchemas(schema: string): JobSchemas {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new RangeError(`invalid schema name: ${schema}`);
  return { boss: schema, server: `${schema}_server` };
}

/**
 * Creates the job server's tables if missing. Several instances may start at once: an advisory
 * lock makes them take turns.
 *
 * - `continuation`: a job waiting for its parent to succeed (Hangfire's "awaiting" state), with
 *   what it will be sent to the queue with once released.
 * - `released`: jobs that succeeded and have released their continuations; a continuation added
 *   later is sent at once.
 * - `recurring`: recurring jobs, paused or not (the active ones are also pg-boss schedules).
 */
export async function migrate(db: JobDatabase, schemas: JobSchemas): Promise<void> {
  const s = schemas.server;
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s}.migrate`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.continuation (
      id uuid PRIMARY KEY,
      parent_id uuid NOT NULL,
      data jsonb NOT NULL,
      options jsonb NOT NULL,
      created_on timestamptz NOT NULL DEFAULT now()
    )`);
    await tx.query(`CREATE INDEX IF NOT EXISTS continuation_parent ON ${s}.continuation (parent_id)`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.released (
      job_id uuid PRIMARY KEY,
      released_on timestamptz NOT NULL DEFAULT now()
    )`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.recurring (
      id text PRIMARY KEY,
      cron text NOT NULL,
      timezone text NOT NULL,
      data jsonb NOT NULL,
      paused boolean NOT NULL DEFAULT false,
      created_on timestamptz NOT NULL DEFAULT now(),
      updated_on timestamptz NOT NULL DEFAULT now()
    )`);
  });
}
