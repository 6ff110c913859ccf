import { EventStoreError } from '../errors.ts';
import { toRecordedEvent, type EventRow } from '../events/rows.ts';
import type { RecordedEvent } from '../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';
import type { Upcasters } from '../upcasting/upcasters.ts';
import { checkpointOf, startCheckpoint, type Checkpoint } from './checkpoint.ts';

export interface ReadAllOptions {
  /** Return events after this checkpoint. Default: from the start. */
  readonly after?: Checkpoint;
  /** At most this many events. Default 1000. */
  readonly limit?: number;
}

export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /** Where the next call continues: the last event's checkpoint, or `after` when none came. */
  readonly checkpoint: Checkpoint;
}

/**
 * Every stream in one global order that a reader can follow with a checkpoint and never skip:
 *
 * - each event stores its writing transaction's id (xid8, assigned in the order transactions first
 *   write) and a global position (a sequence, in insert order);
 * - a read returns only events whose transaction is older than the oldest transaction still running
 *   (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`): every such transaction has ended,
 *   and any transaction that has not ended, or not started, has an id ≥ that bound, so no event can
 *   ever appear below what a read returned;
 * - events come in (transaction_id, global_position) order and the checkpoint is that pair.
 *
 * A transaction that stays open therefore holds readers back (they lag, they never skip), and so do
 * long transactions anywhere in the PostgreSQL cluster: keep write transactions short.
 */
export async function readAll(
  executor: SqlExecutor,
  sql: string,
  upcasters: Upcasters,
  options: ReadAllOptions = {},
): Promise<ReadAllPage> {
  const after = options.after ?? startCheckpoint;
  const limit = options.limit ?? 1000;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', 'limit must be an integer ≥ 1', { limit });
  }
  if (!/^\d{1,20}$/.test(after.transactionId)) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', 'checkpoint transactionId must be decimal digits', {
      after,
    });
  }
  const rows = await executor.query<EventRow>(sql, [after.transactionId, after.globalPosition, limit]);
  const events = rows.map((row) => toRecordedEvent(row, upcasters));
  const last = events.at(-1);
  return { events, checkpoint: last === undefined ? after : checkpointOf(last) };
}
