import type { AppendOptions, AppendResult, NewEvent, RecordedEvent } from '../events/types.ts';
import type { ReadAllOptions, ReadAllPage } from '../read/read-all.ts';
import type { ReadStreamOptions } from '../read/read-stream.ts';
import type { PointInTime } from '../read/version-at.ts';
import type { SnapshotPolicy } from '../snapshots/policy.ts';
import type { LoadSnapshotOptions, Snapshot, SnapshotToSave } from '../snapshots/snapshots.ts';
import type { SqlExecutor } from '@eventflow/sql';
import type { Upcasters } from '../upcasting/upcasters.ts';

export interface EventStoreOptions {
  readonly executor: SqlExecutor;
  /** Default 'eventstore'; migrate the same schema first (openEventStore does). */
  readonly schema?: string;
  /** Applied on every read; also give new events their latest schema version. */
  readonly upcasters?: Upcasters;
  /** By stream type: the aggregate loader reads and handleCommand writes snapshots only for these. */
  readonly snapshotPolicies?: Readonly<Record<string, SnapshotPolicy>>;
  /** A stream's type, recorded when it is created. Default: the part of its id before the first '-'. */
  readonly streamTypeOf?: (streamId: string) => string;
  /** Default randomUUID. */
  readonly newId?: () => string;
  /** The default occurredAt. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * Runs inside every append's transaction once its events are written: what it writes commits or
   * rolls back with them (the transactional outbox and inline projections hook in here).
   */
  readonly onAppended?: (tx: SqlExecutor, events: readonly RecordedEvent[]) => Promise<void>;
}

/** The event store port; one implementation, over any SqlExecutor. */
export interface EventStore {
  readonly schema: string;
  /** The executor this store sends its SQL through (inside `transaction`, that transaction). */
  readonly sql: SqlExecutor;
  /** Appends all events or none; a stream at another version than expected throws VERSION_CONFLICT. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every stream in an order async readers can follow with a checkpoint and never skip. */
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** 0 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** The stream's version at a global position or a time (0 if it had no events then). */
  versionAt(streamId: string, at: PointInTime): Promise<number>;
  saveSnapshot(streamId: string, snapshot: SnapshotToSave): Promise<void>;
  loadSnapshot<State>(streamId: string, options?: LoadSnapshotOptions): Promise<Snapshot<State> | undefined>;
  snapshotPolicyFor(streamId: string): SnapshotPolicy | undefined;
  /** Runs `work` with a store bound to one transaction (nested: a savepoint). */
  transaction<T>(work: (store: EventStore) => Promise<T>): Promise<T>;
  /** The spec's names: saveEvents = append, getEvents = readStream, getEventsFromVersion(id, v) = from v. */
  saveEvents(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  getEvents(streamId: string): Promise<RecordedEvent[]>;
  getEventsFromVersion(streamId: string, fromVersion: number): Promise<RecordedEvent[]>;
}
