import type { Migration } from '../migration.ts';

/**
 * Migration 1. `streams` holds one row per stream: its version (the row every append locks) and the
 * transaction that last wrote it (so an append can refuse to sort before its stream's previous events).
 * `events.transaction_id` is the writing transaction (xid8, never wraps); readAll orders by
 * (transaction_id, global_position) and returns only rows older than every running transaction.
 * `recorded_at` is database time at millisecond precision, so a JS Date read back compares equal.
 * `events_stream_version_key` makes two events at one stream version impossible, whatever a writer does.
 */
export const streamsAndEvents: Migration = {
  version: 1,
  name: 'streams, events, snapshots',
  statements: [
    `CREATE TABLE {schema}.streams (
        stream_id            text PRIMARY KEY,
        stream_type          text NOT NULL,
        version              bigint NOT NULL CHECK (version >= 0),
        last_transaction_id  xid8,
        created_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at           timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
    `CREATE TABLE {schema}.events (
        global_position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id   xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id        text NOT NULL REFERENCES {schema}.streams (stream_id),
        version          bigint NOT NULL CHECK (version >= 1),
        type             text NOT NULL,
        schema_version   integer NOT NULL CHECK (schema_version >= 1),
        data             jsonb NOT NULL,
        headers          jsonb NOT NULL DEFAULT '{}',
        message_id       text NOT NULL,
        correlation_id   text NOT NULL,
        causation_id     text,
        occurred_at      timestamptz NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, version),
        CONSTRAINT events_message_id_key UNIQUE (message_id)
      )`,
    `CREATE INDEX events_global_order ON {schema}.events (transaction_id, global_position)`,
    `CREATE TABLE {schema}.snapshots (
        stream_id      text NOT NULL REFERENCES {schema}.streams (stream_id),
        version        bigint NOT NULL CHECK (version >= 1),
        state_version  integer NOT NULL DEFAULT 1,
        state          jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (stream_id, state_version, version)
      )`,
  ],
};
