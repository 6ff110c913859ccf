import { isConcurrencyConflict } from '../errors.ts';
import type { DomainEvent, RecordedEvent } from '../events/types.ts';
import { crossesSnapshotPoint } from '../snapshots/policy.ts';
import type { EventStore } from '../store/types.ts';
import { fold, type Decider } from './decider.ts';
import { loadAggregate } from './load.ts';
import { defaultConflictRetry, retrying, type RetryPolicy } from './retry.ts';

export interface HandleCommandOptions {
  /** Tries on VERSION_CONFLICT / TRANSACTION_ORDER_CONFLICT, each reloading. Default defaultConflictRetry. */
  readonly retry?: RetryPolicy;
  /** Recorded if the command creates the stream. Default: the store's streamTypeOf. */
  readonly streamType?: string;
}

export interface CommandResult<State> {
  readonly state: State;
  readonly nextExpectedVersion: number;
  /** What this command appended (empty when the decider decided nothing). */
  readonly events: readonly RecordedEvent[];
  readonly attempts: number;
}

async function attempt<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleCommandOptions,
): Promise<Omit<CommandResult<State>, 'attempts'>> {
  const loaded = await loadAggregate(store, streamId, decider);
  const decided = decider.decide(command, loaded.state);
  if (decided.length === 0) return { state: loaded.state, nextExpectedVersion: loaded.version, events: [] };
  const state = fold(decider, decided, loaded.state);
  const append = { expectedVersion: loaded.version, ...(options.streamType ? { streamType: options.streamType } : {}) };
  const policy = store.snapshotPolicyFor(streamId);
  const after = loaded.version + decided.length;
  if (policy === undefined || !crossesSnapshotPoint(policy, loaded.version, after)) {
    const result = await store.append(streamId, decided, append);
    return { state, nextExpectedVersion: result.nextExpectedVersion, events: result.events };
  }
  // The snapshot commits with the events, or neither does.
  return store.transaction(async (tx) => {
    const result = await tx.append(streamId, decided, append);
    await tx.saveSnapshot(streamId, {
      version: result.nextExpectedVersion,
      state,
      stateVersion: policy.stateVersion ?? 1,
    });
    return { state, nextExpectedVersion: result.nextExpectedVersion, events: result.events };
  });
}

/**
 * Load, decide, append at the loaded version; on a concurrency conflict load again and retry, as the
 * policy allows. A decider's own errors are not retried. Call it on a store that is not inside a
 * transaction: a retry needs a new transaction (and so a newer transaction id) to clear a conflict.
 */
export function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleCommandOptions = {},
): Promise<CommandResult<State>> {
  return retrying(options.retry ?? defaultConflictRetry, isConcurrencyConflict, async (attempts) => ({
    ...(await attempt(store, streamId, decider, command, options)),
    attempts,
  }));
}
