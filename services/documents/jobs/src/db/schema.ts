import type { MigrationSet } from '@eventflow/sql';

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
 * The job server's own tables, as migrations of component `hangfire_server` in `<schema>_server`
 * (pg-boss migrates its own schema itself). The host applies them before the service starts; a job
 * server built on its own applies them when it opens its database.
 *
 * - `continuation`: a job waiting for its parent to succeed (Hangfire's "awaiting" state), with
 *   what it will be sent to the queue with once released.
 * - `released`: jobs that succeeded and have released their continuations; a continuation added
 *   later is sent at once.
 * - `recurring`: recurring jobs, paused or not (the active ones are also pg-boss schedules).
 * - `enqueue_key`: the keys an enqueue is known by (its correlation id, and the client's
 *   Idempotency-Key), each held by one job: a retried enqueue finds its job here (jobs/idempotency.ts).
 */
export function jobMigrations(schemas: JobSchemas): MigrationSet {
  return {
    component: 'hangfire_server',
    schema: schemas.server,
    migrations: [
      {
        version: 1,
        name: 'continuations, released jobs, recurring jobs',
        // IF NOT EXISTS: databases made before these were migrations already have the tables.
        statements: [
          `CREATE TABLE IF NOT EXISTS {schema}.continuation (
            id uuid PRIMARY KEY,
            parent_id uuid NOT NULL,
            data jsonb NOT NULL,
            options jsonb NOT NULL,
            created_on timestamptz NOT NULL DEFAULT now()
          )`,
          `CREATE INDEX IF NOT EXISTS continuation_parent ON {schema}.continuation (parent_id)`,
          `CREATE TABLE IF NOT EXISTS {schema}.released (
            job_id uuid PRIMARY KEY,
            released_on timestamptz NOT NULL DEFAULT now()
          )`,
          `CREATE TABLE IF NOT EXISTS {schema}.recurring (
            id text PRIMARY KEY,
            cron text NOT NULL,
            timezone text NOT NULL,
            data jsonb NOT NULL,
            paused boolean NOT NULL DEFAULT false,
            created_on timestamptz NOT NULL DEFAULT now(),
            updated_on timestamptz NOT NULL DEFAULT now()
          )`,
        ],
      },
      {
        version: 2,
        name: 'idempotent enqueue: the keys a job was enqueued with',
        statements: [
          `CREATE TABLE {schema}.enqueue_key (
            key text PRIMARY KEY,
            job_id uuid NOT NULL,
            fingerprint text NOT NULL,
            created_on timestamptz NOT NULL DEFAULT now()
          )`,
          `CREATE INDEX enqueue_key_job ON {schema}.enqueue_key (job_id)`,
        ],
      },
    ],
  };
}
