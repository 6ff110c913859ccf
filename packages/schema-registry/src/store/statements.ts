import type { SqlExecutor } from '@eventflow/eventstore';
import type { CompatibilityMode } from '../compatibility/check.ts';

export interface SchemaRow {
  readonly type: string;
  readonly version: number;
  readonly schema: unknown;
  readonly fingerprint: string;
  readonly compatibility: CompatibilityMode;
  readonly registeredAt: Date;
}

interface RawRow {
  type: string;
  version: number;
  schema: unknown;
  fingerprint: string;
  compatibility: string;
  registered_at: Date | string;
}

const columns = 'type, version, schema, fingerprint, compatibility, registered_at';

function toRow(raw: RawRow): SchemaRow {
  return {
    type: raw.type,
    version: Number(raw.version),
    schema: typeof raw.schema === 'string' ? (JSON.parse(raw.schema) as unknown) : raw.schema,
    fingerprint: raw.fingerprint,
    compatibility: raw.compatibility as CompatibilityMode,
    registeredAt: new Date(raw.registered_at),
  };
}

/** The SQL of the registry, one text for PostgreSQL and PGlite; `q` is the quoted schema. */
export function statements(q: string) {
  return {
    async versions(sql: SqlExecutor, type: string): Promise<SchemaRow[]> {
      const rows = await sql.query<RawRow>(
        `SELECT ${columns} FROM ${q}.event_schemas WHERE type = $1 ORDER BY version`,
        [type],
      );
      return rows.map(toRow);
    },
    async version(sql: SqlExecutor, type: string, version: number | 'latest'): Promise<SchemaRow | undefined> {
      const rows =
        version === 'latest'
          ? await sql.query<RawRow>(
              `SELECT ${columns} FROM ${q}.event_schemas WHERE type = $1 ORDER BY version DESC LIMIT 1`,
              [type],
            )
          : await sql.query<RawRow>(`SELECT ${columns} FROM ${q}.event_schemas WHERE type = $1 AND version = $2`, [
              type,
              version,
            ]);
      return rows[0] === undefined ? undefined : toRow(rows[0]);
    },
    async byFingerprint(sql: SqlExecutor, type: string, fingerprint: string): Promise<SchemaRow | undefined> {
      const [row] = await sql.query<RawRow>(
        `SELECT ${columns} FROM ${q}.event_schemas WHERE type = $1 AND fingerprint = $2`,
        [type, fingerprint],
      );
      return row === undefined ? undefined : toRow(row);
    },
    async insert(sql: SqlExecutor, row: Omit<SchemaRow, 'registeredAt'>): Promise<SchemaRow> {
      const [raw] = await sql.query<RawRow>(
        `INSERT INTO ${q}.event_schemas (type, version, schema, fingerprint, compatibility)
         VALUES ($1, $2, $3::text::jsonb, $4, $5) RETURNING ${columns}`,
        [row.type, row.version, JSON.stringify(row.schema), row.fingerprint, row.compatibility],
      );
      return toRow(raw!);
    },
    async mode(sql: SqlExecutor, type: string): Promise<CompatibilityMode | undefined> {
      const [row] = await sql.query<{ compatibility: string }>(
        `SELECT compatibility FROM ${q}.event_types WHERE type = $1`,
        [type],
      );
      return row?.compatibility as CompatibilityMode | undefined;
    },
    async setMode(sql: SqlExecutor, type: string, mode: CompatibilityMode): Promise<void> {
      await sql.query(
        `INSERT INTO ${q}.event_types (type, compatibility) VALUES ($1, $2)
         ON CONFLICT (type) DO UPDATE SET compatibility = EXCLUDED.compatibility, updated_at = now()`,
        [type, mode],
      );
    },
    async types(sql: SqlExecutor): Promise<string[]> {
      const rows = await sql.query<{ type: string }>(`SELECT DISTINCT type FROM ${q}.event_schemas ORDER BY type`);
      return rows.map((row) => row.type);
    },
  };
}
