/** What a decider emits: a type and its payload. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** An event to append; every metadata field has a default (see events/metadata.ts). */
export interface NewEvent<Data = unknown> {
  readonly type: string;
  /** Any JSON value. */
  readonly data: Data;
  /** Default: the latest version the store's upcasters know for this type, else 1. */
  readonly schemaVersion?: number;
  /** Default: a new UUID. Unique across the store. */
  readonly messageId?: string;
  /** Default: the current correlation (@eventflow/correlation), else a new id. */
  readonly correlationId?: string;
  /** Default: the current correlation's causation id, else none. */
  readonly causationId?: string;
  /** Default: the store's clock. */
  readonly occurredAt?: Date;
  /** Any further headers, kept as given (they travel to the bus with the event). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An event as stored and read back (after upcasting). */
export interface RecordedEvent<Data = unknown> {
  readonly streamId: string;
  /** Its position in its stream: 1, 2, 3… */
  readonly version: number;
  /** Unique and increasing in insert order; see Checkpoint for the order readAll uses. */
  readonly globalPosition: number;
  /** The writing transaction (PostgreSQL xid8) as a decimal string. */
  readonly transactionId: string;
  readonly type: string;
  readonly data: Data;
  /** The schema version of `data` as returned, after upcasting. */
  readonly schemaVersion: number;
  readonly messageId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly occurredAt: Date;
  /** Database time when the row was written. */
  readonly recordedAt: Date;
  readonly headers: Readonly<Record<string, string>>;
}

/** The expected state of a stream before an append. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Recorded when the stream is created. Default: the store's streamTypeOf(streamId). */
  readonly streamType?: string;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as expectedVersion next time. */
  readonly nextExpectedVersion: number;
  readonly events: readonly RecordedEvent[];
}
