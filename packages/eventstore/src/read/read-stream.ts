import { EventStoreError } from '../errors.ts';
import { toRecordedEvent, type EventRow } from '../events/rows.ts';
import type { RecordedEvent } from '../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';
import type { Upcasters } from '../upcasting/upcasters.ts';

export interface ReadStreamOptions {
  /** First version to return, inclusive. Default 1. */
  readonly fromVersion?: number;
  /** Last version to return, inclusive. Default: the end of the stream. */
  readonly toVersion?: number;
}

function checkVersion(value: number | undefined, name: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', `${name} must be an integer ≥ 0`, { [name]: value });
  }
}

/**
 * One stream in version order, upcast. Appends to a stream are serialised by its row lock, so a
 * committed version is never missing below a visible one: no snapshot filter is needed here.
 */
export async function readStream(
  executor: SqlExecutor,
  sql: string,
  upcasters: Upcasters,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  checkVersion(options.fromVersion, 'fromVersion');
  checkVersion(options.toVersion, 'toVersion');
  const rows = await executor.query<EventRow>(sql, [streamId, options.fromVersion ?? 1, options.toVersion ?? null]);
  return rows.map((row) => toRecordedEvent(row, upcasters));
}
