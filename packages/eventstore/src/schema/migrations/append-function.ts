import type { Migration } from '../migration.ts';

/**
 * Migration 5: the append as one server-side function, so an append is one statement (one round trip,
 * its own transaction when no hook needs one) with its plans kept by the connection, instead of a lock
 * statement and an insert statement parsed and planned on every call (and 9 parameters per event: here
 * one array per column). The steps are the ones the two statements took, in the same order and under
 * the same lock:
 *
 * 1. create or lock the stream's row (`INSERT … ON CONFLICT DO UPDATE`) and read its version and
 *    whether its last writer's transaction is newer than this one;
 * 2. refuse a version other than `p_expected` (NULL: any) or a newer last writer by raising `EV001` /
 *    `EV002` with the stream's version as DETAIL: the statement (or the transaction or savepoint around
 *    it) leaves nothing behind, not even a new stream's row;
 * 3. insert the events at the next versions from the arrays (one element per event), then move the
 *    stream to its new version and this transaction.
 */
export const appendFunction: Migration = {
  version: 5,
  name: 'append function',
  statements: [
    `CREATE FUNCTION {schema}.append_to_stream(
        p_stream_id text, p_stream_type text, p_expected bigint,
        p_types text[], p_schema_versions integer[], p_data text[], p_headers text[],
        p_message_ids text[], p_correlation_ids text[], p_causation_ids text[], p_occurred_at timestamptz[])
      RETURNS TABLE (r_global_position bigint, r_transaction_id xid8, r_version bigint, r_recorded_at timestamptz)
      LANGUAGE plpgsql AS $append$
      DECLARE
        v_actual bigint;
        v_sorts_before boolean;
      BEGIN
        INSERT INTO {schema}.streams AS s (stream_id, stream_type, version) VALUES (p_stream_id, p_stream_type, 0)
          ON CONFLICT (stream_id) DO UPDATE SET version = s.version
          RETURNING s.version, coalesce(s.last_transaction_id > pg_current_xact_id(), false)
          INTO v_actual, v_sorts_before;
        IF p_expected IS NOT NULL AND v_actual <> p_expected THEN
          RAISE EXCEPTION USING ERRCODE = 'EV001', DETAIL = v_actual::text,
            MESSAGE = format('stream %s is at version %s, expected %s', p_stream_id, v_actual, p_expected);
        END IF;
        IF v_sorts_before THEN
          RAISE EXCEPTION USING ERRCODE = 'EV002', DETAIL = v_actual::text,
            MESSAGE = format('stream %s was last written by a transaction newer than this one', p_stream_id);
        END IF;
        RETURN QUERY WITH appended AS (
            INSERT INTO {schema}.events AS e (stream_id, version, type, schema_version, data, headers, message_id,
              correlation_id, causation_id, occurred_at)
            SELECT p_stream_id, v_actual + n.ord, n.type, n.schema_version, n.data::jsonb, n.headers::jsonb,
              n.message_id, n.correlation_id, n.causation_id, n.occurred_at
            FROM unnest(p_types, p_schema_versions, p_data, p_headers, p_message_ids, p_correlation_ids,
              p_causation_ids, p_occurred_at)
              WITH ORDINALITY AS n(type, schema_version, data, headers, message_id, correlation_id, causation_id,
                occurred_at, ord)
            RETURNING e.global_position, e.transaction_id, e.version, e.recorded_at
          )
          SELECT a.global_position, a.transaction_id, a.version, a.recorded_at
          FROM appended a ORDER BY a.version;
        UPDATE {schema}.streams AS s
          SET version = v_actual + cardinality(p_types), last_transaction_id = pg_current_xact_id(),
            updated_at = clock_timestamp()
          WHERE s.stream_id = p_stream_id;
      END
      $append$`,
  ],
};
