import { migrate, type Migration, type MigrationReport, type SqlExecutor } from '@eventflow/eventstore';

/** One step of the saga schema, applied once, in order, recorded in `<schema>.saga_migrations`. */
export type SagaMigration = Migration;

export const sagaMigrations: readonly SagaMigration[] = [
  {
    version: 1,
    name: 'saga instances and the saga log',
    statements: [
      `CREATE TABLE {schema}.saga_instances (
        id text PRIMARY KEY,
        saga text NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
        step integer NOT NULL DEFAULT 0,
        current_step text,
        attempt integer NOT NULL DEFAULT 0,
        data jsonb NOT NULL,
        error text,
        correlation_id text NOT NULL,
        next_run_at timestamptz NOT NULL DEFAULT now(),
        lease_owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1) WITH (fillfactor = 70)`,
      `CREATE INDEX saga_instances_due ON {schema}.saga_instances (next_run_at)
        WHERE status IN ('RUNNING', 'COMPENSATING')`,
      `CREATE INDEX saga_instances_status ON {schema}.saga_instances (saga, status)`,
      `CREATE TABLE {schema}.saga_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        saga_id text NOT NULL,
        saga text NOT NULL,
        step text,
        state text NOT NULL,
        attempt integer,
        error text,
        duration_ms double precision,
        detail jsonb,
        worker text,
        correlation_id text,
        at timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX saga_log_saga_id ON {schema}.saga_log (saga_id, id)`,
      `CREATE INDEX saga_log_correlation ON {schema}.saga_log (correlation_id, id)`,
      // What needs attention, without an index write for every row of a healthy saga.
      `CREATE INDEX saga_log_attention ON {schema}.saga_log (state, id)
        WHERE state IN ('FAILED', 'STEP_FAILED', 'COMPENSATING', 'COMPENSATION_FAILED', 'RESUMED')`,
    ],
  },
];

export type SagaMigrationReport = MigrationReport;

/**
 * Brings the saga tables of `schema` up to date with the event store's migrator: one transaction,
 * serialised per schema by an advisory lock, so running it again, or from several processes at once,
 * does nothing more; a schema migrated by newer code is refused (`SQL.SCHEMA_AHEAD`).
 */
export async function migrateSagas(
  executor: SqlExecutor,
  options: { readonly schema: string; readonly migrations?: readonly SagaMigration[] },
): Promise<SagaMigrationReport> {
  return migrate(executor, {
    schema: options.schema,
    migrations: options.migrations ?? sagaMigrations,
    component: 'saga',
  });
}
