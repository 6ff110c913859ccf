/** The SQL of an append, built once per schema; identical for every adapter. */
export interface AppendStatements {
  readonly currentVersion: string;
  /** Creates the stream row if needed and locks it; returns its version. */
  readonly lockStream: string;
  insertEvents(count: number): string;
}

/** Parameters per event row of insertEvents; `$1` is the stream id and `$2` the version after the rows. */
export const paramsPerEvent = 9;

function rowPlaceholders(index: number): string {
  const p = (offset: number): string => `$${3 + index * paramsPerEvent + offset}`;
  return `($1, ${p(0)}::bigint, ${p(1)}, ${p(2)}::integer, ${p(3)}::text::jsonb, ${p(4)}::text::jsonb, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::timestamptz)`;
}

export function appendStatements(schema: string): AppendStatements {
  return {
    currentVersion: `SELECT version::text AS version FROM ${schema}.streams WHERE stream_id = $1`,
    lockStream: `INSERT INTO ${schema}.streams AS s (stream_id, stream_type, version) VALUES ($1, $2, 0)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version
      RETURNING version::text AS version, coalesce(s.last_transaction_id > pg_current_xact_id(), false) AS sorts_before`,
    insertEvents: (count) => `WITH appended AS (
        INSERT INTO ${schema}.events (stream_id, version, type, schema_version, data, headers, message_id,
          correlation_id, causation_id, occurred_at)
        VALUES ${Array.from({ length: count }, (_, index) => rowPlaceholders(index)).join(',\n')}
        RETURNING global_position, transaction_id, version, recorded_at
      ), bumped AS (
        UPDATE ${schema}.streams
        SET version = $2::bigint, last_transaction_id = pg_current_xact_id(), updated_at = clock_timestamp()
        WHERE stream_id = $1
      )
      SELECT global_position::text AS global_position, transaction_id::text AS transaction_id,
        version::text AS version, recorded_at
      FROM appended ORDER BY appended.version`,
  };
}
