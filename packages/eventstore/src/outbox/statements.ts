/** The outbox's SQL, built once per schema; identical for every adapter. */
export interface OutboxStatements {
  insert(count: number): string;
  readonly notify: string;
  readonly checkpoint: string;
  /** Rows after the checkpoint, of transactions older than every running one, in relay order. */
  readonly batch: string;
  /** Deletes the published rows and moves the checkpoint, in one statement. */
  readonly mark: string;
}

/** Parameters per row of `insert`. */
const paramsPerRow = 13;

function rowPlaceholders(index: number): string {
  const p = (offset: number): string => `$${1 + index * paramsPerRow + offset}`;
  return `(${p(0)}, ${p(1)}::bigint, ${p(2)}::bigint, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::integer, ${p(7)}::text::jsonb,
    ${p(8)}::text::jsonb, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}::timestamptz)`;
}

export function outboxStatements(schema: string): OutboxStatements {
  return {
    insert: (count) => `INSERT INTO ${schema}.outbox (stream_id, stream_version, global_position, topic, key, type,
        schema_version, payload, headers, message_id, correlation_id, causation_id, occurred_at)
      VALUES ${Array.from({ length: count }, (_, index) => rowPlaceholders(index)).join(',\n')}`,
    notify: `SELECT pg_notify($1, '')`,
    checkpoint: `SELECT transaction_id::text AS transaction_id, position::text AS position
      FROM ${schema}.outbox_checkpoint WHERE relay = 'relay'`,
    batch: `SELECT o.position::text AS position, o.transaction_id::text AS transaction_id, o.stream_id,
        o.stream_version::text AS stream_version, o.global_position::text AS global_position, o.topic, o.key, o.type,
        o.schema_version, o.payload, o.headers, o.message_id, o.correlation_id, o.causation_id, o.occurred_at
      FROM ${schema}.outbox o
      WHERE (o.transaction_id, o.position) > ($1::text::xid8, $2::bigint)
        AND o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY o.transaction_id, o.position
      LIMIT $3`,
    mark: `WITH published AS (
        DELETE FROM ${schema}.outbox WHERE position = ANY ($3::text::bigint[])
      )
      UPDATE ${schema}.outbox_checkpoint
      SET transaction_id = $1::text::xid8, position = $2::bigint, updated_at = clock_timestamp()
      WHERE relay = 'relay'`,
  };
}
