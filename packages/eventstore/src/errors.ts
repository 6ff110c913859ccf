/** Stable codes: they become problem+json or dead-letter reasons only at the edge. */
export type EventStoreErrorCode =
  /** The stream is not at the version the writer expected; reload and decide again. */
  | 'EVENTSTORE.VERSION_CONFLICT'
  /**
   * The writing transaction got its id before the stream's last writer did, so its events would sort
   * before that writer's in the global order; retry in a new transaction (see docs in read/read-all.ts).
   */
  | 'EVENTSTORE.TRANSACTION_ORDER_CONFLICT'
  /** An event's messageId is already stored: message ids are unique across the store. */
  | 'EVENTSTORE.DUPLICATE_MESSAGE_ID'
  | 'EVENTSTORE.INVALID_ARGUMENT'
  /** Upcasters registered with a gap, or a stored event older than the first upcaster of its type. */
  | 'EVENTSTORE.UPCASTER_MISSING'
  /** An outbox row names a topic the relay's router does not know; the relay stops there and retries. */
  | 'EVENTSTORE.OUTBOX_UNKNOWN_TOPIC';

export class EventStoreError extends Error {
  readonly code: EventStoreErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: EventStoreErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EventStoreError';
    this.code = code;
    this.details = details;
  }
}

/** True for the conflicts a writer resolves by loading again and retrying in a new transaction. */
export function isConcurrencyConflict(error: unknown): error is EventStoreError {
  return (
    error instanceof EventStoreError &&
    (error.code === 'EVENTSTORE.VERSION_CONFLICT' || error.code === 'EVENTSTORE.TRANSACTION_ORDER_CONFLICT')
  );
}
