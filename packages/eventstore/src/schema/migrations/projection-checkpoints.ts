import type { Migration } from '../migration.ts';

/**
 * Migration 4: where each async projection has got to in readAll's order, as the same
 * (transaction_id, global_position) pair readAll uses. `reset_pending` marks a rebuild whose read model
 * has not been cleared yet: the projection clears it (again, if it crashed) before going on.
 */
export const projectionCheckpoints: Migration = {
  version: 4,
  name: 'projection checkpoints',
  statements: [
    `CREATE TABLE {schema}.projection_checkpoints (
      name             text PRIMARY KEY,
      transaction_id   xid8 NOT NULL DEFAULT '0',
      global_position  bigint NOT NULL DEFAULT 0,
      reset_pending    boolean NOT NULL DEFAULT false,
      updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
  ],
};
