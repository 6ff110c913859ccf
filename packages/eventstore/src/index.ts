export { aggregateStateAt } from './aggregate/time-travel.ts';
export { fold, type Decider } from './aggregate/decider.ts';
export { handleCommand, type CommandResult, type HandleCommandOptions } from './aggregate/handle-command.ts';
export { loadAggregate, type LoadedAggregate, type LoadOptions } from './aggregate/load.ts';
export { defaultConflictRetry, type RetryPolicy } from './aggregate/retry.ts';
export { EventStoreError, isConcurrencyConflict, type EventStoreErrorCode } from './errors.ts';
export type {
  AppendOptions,
  AppendResult,
  DomainEvent,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
} from './events/types.ts';
export { checkpointOf, compareCheckpoints, startCheckpoint, type Checkpoint } from './read/checkpoint.ts';
export type { ReadAllOptions, ReadAllPage } from './read/read-all.ts';
export type { ReadStreamOptions } from './read/read-stream.ts';
export type { PointInTime } from './read/version-at.ts';
export { combineAppendedHooks, type AppendedHook } from './hooks/combine.ts';
export { handleOnce, inboxHandler, pruneInbox, type HandledOnce, type InboxOptions } from './inbox/inbox.ts';
export { advisoryLock, tryAdvisoryLock } from './locks/advisory-lock.ts';
export { outboxChannel } from './outbox/channel.ts';
export { createOutbox, type Outbox, type OutboxOptions } from './outbox/outbox.ts';
export type { OutboxMessage } from './outbox/outbox-rows.ts';
export { relayOutboxOnce, type RelayRound, type RelayRoundOptions } from './outbox/relay-round.ts';
export { outboxRelayWorker } from './outbox/relay-worker.ts';
export {
  startOutboxRelay,
  type OutboxRelay,
  type OutboxRelayObserver,
  type OutboxRelayOptions,
} from './outbox/relay.ts';
export {
  defineOutboxRouter,
  type EventRoute,
  type OutboxRouter,
  type OutboxRouterOptions,
  type ResolvedRoute,
} from './outbox/router.ts';
export {
  defaultErrorBackoff,
  startPollingLoop,
  type ErrorBackoff,
  type PollingLoop,
  type PollingLoopOptions,
  type RoundOutcome,
} from './polling/polling-loop.ts';
export type { NotificationSource } from './polling/listening.ts';
export { migrate, type MigrateOptions, type MigrationReport } from './schema/migrate.ts';
export { migrations, type Migration } from './schema/migrations.ts';
export { quoteSchema } from './sql/identifiers.ts';
export { crossesSnapshotPoint, type SnapshotPolicy } from './snapshots/policy.ts';
export type { LoadSnapshotOptions, Snapshot, SnapshotToSave } from './snapshots/snapshots.ts';
export type { NotificationHandlers, QueryOptions, SqlDatabase, SqlExecutor } from '@eventflow/sql';
export { statementName } from '@eventflow/sql';
export { createEventStore, openEventStore } from './store/create-store.ts';
export type { EventStore, EventStoreOptions } from './store/types.ts';
export {
  defineUpcasters,
  noUpcasters,
  type Upcaster,
  type UpcasterRegistration,
  type Upcasters,
} from './upcasting/upcasters.ts';
