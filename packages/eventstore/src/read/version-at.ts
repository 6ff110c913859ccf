import { EventStoreError } from '../errors.ts';
import { safeNumber } from '../events/rows.ts';
import type { SqlExecutor } from '@eventflow/sql';

/** A point in a stream's past: a global position, or a database time (events' recordedAt). */
export type PointInTime = { readonly position: number } | { readonly time: Date };

export interface VersionAtStatements {
  readonly atPosition: string;
  readonly atTime: string;
}

export function versionAtStatements(schema: string): VersionAtStatements {
  const select = `SELECT coalesce(max(version), 0)::text AS version FROM ${schema}.events WHERE stream_id = $1`;
  return {
    atPosition: `${select} AND global_position <= $2::bigint`,
    atTime: `${select} AND recorded_at <= $2::timestamptz`,
  };
}

/**
 * The stream's version at that point: the last event at or before it (0 if none). Within a stream,
 * positions and recordedAt grow with the version (appends to a stream are serialised), so the events
 * up to this version are exactly the events at or before the point.
 */
export async function versionAt(
  executor: SqlExecutor,
  statements: VersionAtStatements,
  streamId: string,
  at: PointInTime,
): Promise<number> {
  const valid = 'position' in at ? Number.isSafeInteger(at.position) : !Number.isNaN(at.time.getTime());
  if (!valid)
    throw new EventStoreError(
      'EVENTSTORE.INVALID_ARGUMENT',
      'a point in time needs an integer position or a valid date',
      { at },
    );
  const [sql, param] =
    'position' in at ? [statements.atPosition, at.position] : [statements.atTime, at.time.toISOString()];
  const [row] = await executor.query<{ version: string }>(sql, [streamId, param]);
  return safeNumber(row?.version ?? 0, 'version');
}
