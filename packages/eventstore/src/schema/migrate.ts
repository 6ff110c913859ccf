import { EventStoreError } from '../errors.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';
import { migrations as allMigrations, type Migration } from './migrations.ts';

export interface MigrateOptions {
  /** Default 'eventstore'. Tests give each run a schema of its own. */
  readonly schema?: string;
  /** The migrations to apply; default the event store's. Other packages pass theirs, with a `component`. */
  readonly migrations?: readonly Migration[];
  /**
   * Whose migrations these are (default 'eventstore'): names the table recording them
   * (`<component>_migrations`) and the advisory lock, so several components can share one schema.
   */
  readonly component?: string;
}

export interface MigrationReport {
  readonly schema: string;
  /** Versions applied by this call, in order; empty when the schema was already up to date. */
  readonly applied: readonly number[];
  readonly version: number;
}

/**
 * Brings the schema up to date, idempotently and safely from several processes at once: one
 * transaction, serialised per schema by an advisory lock, applies every migration not yet recorded.
 */
export async function migrate(executor: SqlExecutor, options: MigrateOptions = {}): Promise<MigrationReport> {
  const schema = options.schema ?? 'eventstore';
  const quoted = quoteSchema(schema);
  const component = options.component ?? 'eventstore';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(component)) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', `illegal component name ${JSON.stringify(component)}`, {
      component,
    });
  }
  const table = `${quoted}.${component}_migrations`;
  const known = [...(options.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${component}:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${table}`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const newest = known.at(-1)?.version ?? 0;
    const ahead = [...done].filter((version) => version > newest);
    if (ahead.length > 0) {
      throw new EventStoreError('EVENTSTORE.SCHEMA_AHEAD', `schema ${schema} has migrations this code does not know`, {
        schema,
        unknownVersions: ahead,
      });
    }
    const applied: number[] = [];
    for (const migration of known.filter((m) => !done.has(m.version))) {
      for (const statement of migration.statements) await tx.query(statement.replaceAll('{schema}', quoted));
      await tx.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { schema, applied, version: newest };
  });
}
