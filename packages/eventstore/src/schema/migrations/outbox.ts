import type { Migration } from '../migration.ts';

/**
 * Migration 2: the transactional outbox. Rows are written in the transaction that appends the events
 * (or by `enqueue` in any transaction), so a message exists if and only if its transaction committed.
 *
 * - `position` orders rows in insert order and `transaction_id` is the writing transaction: the relay
 *   reads them exactly as readAll reads events — `(transaction_id, position)` after its checkpoint, and
 *   only transactions older than every running one — so a late-committing transaction is never skipped.
 * - `outbox_checkpoint` holds the relay's pair checkpoint (one row); published rows are deleted in the
 *   same transaction that moves it.
 */
export const outbox: Migration = {
  version: 2,
  name: 'outbox',
  statements: [
    `CREATE TABLE {schema}.outbox (
      position         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id   xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id        text NOT NULL,
      stream_version   bigint,
      global_position  bigint,
      topic            text NOT NULL,
      key              text NOT NULL,
      type             text NOT NULL,
      schema_version   integer NOT NULL CHECK (schema_version >= 1),
      payload          jsonb NOT NULL,
      headers          jsonb NOT NULL DEFAULT '{}',
      message_id       text NOT NULL,
      correlation_id   text NOT NULL,
      causation_id     text,
      occurred_at      timestamptz NOT NULL,
      created_at       timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE INDEX outbox_relay_order ON {schema}.outbox (transaction_id, position)`,
    `CREATE TABLE {schema}.outbox_checkpoint (
      relay           text PRIMARY KEY,
      transaction_id  xid8 NOT NULL,
      position        bigint NOT NULL,
      updated_at      timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `INSERT INTO {schema}.outbox_checkpoint (relay, transaction_id, position) VALUES ('relay', '0', 0)`,
  ],
};
