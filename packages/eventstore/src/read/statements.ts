import { eventColumns } from '../events/rows.ts';

/**
 * The SQL of reads, built once per schema; identical for every adapter. Columns are qualified with
 * `e.` because the select list casts them to text under their own names, and an unqualified ORDER BY
 * would sort those strings ('10' before '9').
 */
export interface ReadStatements {
  readonly readStream: string;
  readonly readAll: string;
}

export function readStatements(schema: string): ReadStatements {
  return {
    readStream: `SELECT ${eventColumns} FROM ${schema}.events e
      WHERE e.stream_id = $1 AND e.version >= $2::bigint AND ($3::bigint IS NULL OR e.version <= $3::bigint)
      ORDER BY e.version`,
    // Only transactions older than every running one: their set of rows can no longer change.
    readAll: `SELECT ${eventColumns} FROM ${schema}.events e
      WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id, e.global_position
      LIMIT $3`,
  };
}
