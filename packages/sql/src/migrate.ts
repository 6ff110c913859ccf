import type { SqlExecutor } from './executor.ts';
import { SqlError } from './errors.ts';

/** One step of a schema: applied once, in order, recorded in `<schema>.<component>_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements with `{schema}` standing for the quoted schema name. */
  readonly statements: readonly string[];
}

/** Whose migrations, in which schema: what a component (the event store, the job server…) applies. */
export interface MigrationSet {
  /** Names the table recording them (`<component>_migrations`) and the lock, so components can share a schema. */
  readonly component: string;
  readonly schema: string;
  readonly migrations: readonly Migration[];
}

export interface MigrationReport {
  readonly schema: string;
  /** Versions applied by this call, in order; empty when the schema was already up to date. */
  readonly applied: readonly number[];
  readonly version: number;
}

const legalName = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name safe to put in SQL text: lower-case letters, digits and `_`, at most 63, quoted. */
export function quoteIdentifier(name: string): string {
  if (!legalName.test(name)) {
    throw new SqlError(
      'SQL.INVALID_ARGUMENT',
      `illegal name ${JSON.stringify(name)}: use 1-63 of [a-z0-9_], not starting with a digit`,
      { name },
    );
  }
  return `"${name}"`;
}

/**
 * Brings a schema up to date, idempotently and safely from several processes at once: one
 * transaction, serialised per component and schema by an advisory lock, applies every migration not
 * yet recorded. A schema with migrations this code does not know is refused (`SQL.SCHEMA_AHEAD`).
 */
export async function migrateSchema(executor: SqlExecutor, set: MigrationSet): Promise<MigrationReport> {
  const { component, schema } = set;
  const quoted = quoteIdentifier(schema);
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(component)) {
    throw new SqlError('SQL.INVALID_ARGUMENT', `illegal component name ${JSON.stringify(component)}`, { component });
  }
  const table = `${quoted}.${component}_migrations`;
  const known = [...set.migrations].sort((a, b) => a.version - b.version);
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
      throw new SqlError('SQL.SCHEMA_AHEAD', `schema ${schema} has ${component} migrations this code does not know`, {
        schema,
        component,
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
