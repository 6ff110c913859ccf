import { migrate, type Migration, type SqlExecutor } from '@eventflow/eventstore';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event schemas',
    statements: [
      `CREATE TABLE {schema}.event_types (
        type text PRIMARY KEY,
        compatibility text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE {schema}.event_schemas (
        type text NOT NULL REFERENCES {schema}.event_types (type),
        version integer NOT NULL CHECK (version > 0),
        schema jsonb NOT NULL,
        fingerprint text NOT NULL,
        compatibility text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (type, version),
        UNIQUE (type, fingerprint))`,
    ],
  },
];

/**
 * Creates or updates the registry's tables in `schema`, with the event store's migrator: one
 * transaction under an advisory lock (several processes at once are fine); its own
 * `schema_registry_migrations` table records what ran, so it can share a schema with the event store.
 * Returns the versions this call applied.
 */
export async function migrateRegistry(executor: SqlExecutor, schema: string): Promise<number[]> {
  const report = await migrate(executor, { schema, migrations, component: 'schema_registry' });
  return [...report.applied];
}
