import type { Migration } from '../migration.ts';

/**
 * Migration 3: the inbox. A consumer records each message id it handled in the transaction of the
 * handler's own writes; the primary key makes a second record of the same message impossible, so a
 * redelivered message is recognised and skipped.
 */
export const inbox: Migration = {
  version: 3,
  name: 'inbox',
  statements: [
    `CREATE TABLE {schema}.inbox (
      consumer      text NOT NULL,
      message_id    text NOT NULL,
      processed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (consumer, message_id)
    )`,
    `CREATE INDEX inbox_processed_at ON {schema}.inbox (processed_at)`,
  ],
};
