/** The SQL of projection checkpoints (table `projection_checkpoints`, migration 4 of the event store). */
export interface CheckpointStatements {
  readonly load: string;
  readonly create: string;
  /** Moves the checkpoint only from where the round found it; returns the row when it did. */
  readonly advance: string;
  /** Sets the checkpoint, and whether the read model must be cleared first, whatever it was. */
  readonly set: string;
  readonly lag: string;
  readonly positionCheckpoint: string;
}

export function checkpointStatements(schema: string): CheckpointStatements {
  const table = `${schema}.projection_checkpoints`;
  return {
    load: `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position, reset_pending
      FROM ${table} WHERE name = $1`,
    create: `INSERT INTO ${table} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    advance: `UPDATE ${table}
      SET transaction_id = $2::text::xid8, global_position = $3::bigint, reset_pending = false,
        updated_at = clock_timestamp()
      WHERE name = $1 AND transaction_id = $4::text::xid8 AND global_position = $5::bigint
      RETURNING name`,
    set: `INSERT INTO ${table} AS c (name, transaction_id, global_position, reset_pending)
      VALUES ($1, $2::text::xid8, $3::bigint, $4::boolean)
      ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
        global_position = EXCLUDED.global_position, reset_pending = c.reset_pending OR EXCLUDED.reset_pending,
        updated_at = clock_timestamp()`,
    // Events recorded after the checkpoint (positions have gaps, so they are counted, not subtracted).
    lag: `SELECT count(*)::text AS lag FROM ${schema}.events e
      WHERE (e.transaction_id, e.global_position) > (
        coalesce((SELECT c.transaction_id FROM ${table} c WHERE c.name = $1), '0'::xid8),
        coalesce((SELECT c.global_position FROM ${table} c WHERE c.name = $1), 0))`,
    positionCheckpoint: `SELECT transaction_id::text AS transaction_id FROM ${schema}.events WHERE global_position = $1::bigint`,
  };
}
