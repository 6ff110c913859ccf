import { safeNumber } from '../events/rows.ts';
import type { SqlExecutor } from '@eventflow/sql';

/** An aggregate's state as of one version of its stream. The state is stored as JSON. */
export interface Snapshot<State = unknown> {
  readonly streamId: string;
  readonly version: number;
  readonly stateVersion: number;
  readonly state: State;
  readonly createdAt: Date;
}

export interface SnapshotToSave {
  readonly version: number;
  /** Any JSON value: Dates, Maps and class instances do not survive the round trip. */
  readonly state: unknown;
  /** Default 1. */
  readonly stateVersion?: number;
}

export interface LoadSnapshotOptions {
  /** Default 1. */
  readonly stateVersion?: number;
  /** The latest snapshot at or below this version. Default: the latest. */
  readonly maxVersion?: number;
}

export interface SnapshotStatements {
  readonly save: string;
  readonly load: string;
}

export function snapshotStatements(schema: string): SnapshotStatements {
  return {
    save: `INSERT INTO ${schema}.snapshots (stream_id, version, state_version, state)
      VALUES ($1, $2::bigint, $3::integer, $4::text::jsonb)
      ON CONFLICT (stream_id, state_version, version) DO UPDATE SET state = EXCLUDED.state, created_at = clock_timestamp()`,
    load: `SELECT s.version::text AS version, s.state_version, s.state, s.created_at FROM ${schema}.snapshots s
      WHERE s.stream_id = $1 AND s.state_version = $2::integer AND ($3::bigint IS NULL OR s.version <= $3::bigint)
      ORDER BY s.version DESC LIMIT 1`,
  };
}

export async function saveSnapshot(
  executor: SqlExecutor,
  statements: SnapshotStatements,
  streamId: string,
  snapshot: SnapshotToSave,
): Promise<void> {
  const json = JSON.stringify(snapshot.state) as string | undefined;
  await executor.query(statements.save, [streamId, snapshot.version, snapshot.stateVersion ?? 1, json ?? 'null']);
}

interface SnapshotRow {
  readonly version: string;
  readonly state_version: number;
  readonly state: unknown;
  readonly created_at: Date | string;
}

export async function loadSnapshot<State>(
  executor: SqlExecutor,
  statements: SnapshotStatements,
  streamId: string,
  options: LoadSnapshotOptions = {},
): Promise<Snapshot<State> | undefined> {
  const params = [streamId, options.stateVersion ?? 1, options.maxVersion ?? null];
  const [row] = await executor.query<SnapshotRow>(statements.load, params);
  if (row === undefined) return undefined;
  return {
    streamId,
    version: safeNumber(row.version, 'version'),
    stateVersion: Number(row.state_version),
    state: row.state as State,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  };
}
