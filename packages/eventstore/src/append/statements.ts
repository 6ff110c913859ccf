import { statementName } from '@eventflow/sql';

/** The SQL of an append, built once per schema; identical for every adapter. */
export interface AppendStatements {
  readonly currentVersion: string;
  /**
   * One call of the append function (migration 5): locks or creates the stream, checks the expected
   * version and the transaction order, inserts the events and moves the stream, as one statement.
   * A refusal raises EV001 (version) or EV002 (transaction order) with the stream's version as DETAIL.
   * Parameters: stream id, stream type, expected version (NULL: any), then one array per event column.
   */
  readonly append: string;
  /** The append's prepared-statement name (QueryOptions), made from its text. */
  readonly appendName: string;
}

export function appendStatements(schema: string): AppendStatements {
  const append = `SELECT r_global_position::text AS global_position, r_transaction_id::text AS transaction_id,
        r_version::text AS version, r_recorded_at AS recorded_at
      FROM ${schema}.append_to_stream($1, $2, $3::bigint, $4::text[], $5::integer[], $6::text[], $7::text[],
        $8::text[], $9::text[], $10::text[], $11::timestamptz[])`;
  return {
    currentVersion: `SELECT version::text AS version FROM ${schema}.streams WHERE stream_id = $1`,
    append,
    appendName: statementName('eventstore_append', append),
  };
}
