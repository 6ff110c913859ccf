import { EventStoreError } from '../errors.ts';
import type { Upcasters } from '../upcasting/upcasters.ts';
import type { RecordedEvent } from './types.ts';

/**
 * The columns every event read selects from `events e`, cast so that pg and PGlite return the same JS
 * types. Order by `e.<column>`: the unqualified names are these text casts.
 */
export const eventColumns = `e.global_position::text AS global_position, e.transaction_id::text AS transaction_id,
  e.stream_id, e.version::text AS version, e.type, e.schema_version, e.data, e.headers, e.message_id,
  e.correlation_id, e.causation_id, e.occurred_at, e.recorded_at`;

export interface EventRow {
  readonly global_position: string;
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly version: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly headers: Record<string, string>;
  readonly message_id: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly occurred_at: Date | string;
  readonly recorded_at: Date | string;
}

/** A bigint column as a JS number; positions and versions beyond 2^53 are refused, never rounded. */
export function safeNumber(value: unknown, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', `${what} ${String(value)} is not a safe integer`);
  }
  return number;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toRecordedEvent(row: EventRow, upcasters: Upcasters): RecordedEvent {
  const { data, schemaVersion } = upcasters.upcast(row.type, Number(row.schema_version), row.data);
  return {
    streamId: row.stream_id,
    version: safeNumber(row.version, 'version'),
    globalPosition: safeNumber(row.global_position, 'global position'),
    transactionId: row.transaction_id,
    type: row.type,
    data,
    schemaVersion,
    messageId: row.message_id,
    correlationId: row.correlation_id,
    ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
    occurredAt: toDate(row.occurred_at),
    recordedAt: toDate(row.recorded_at),
    headers: row.headers,
  };
}
