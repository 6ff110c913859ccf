import type { DomainEvent } from '../events/types.ts';
import type { EventStore } from '../store/types.ts';
import { fold, type Decider } from './decider.ts';

export interface LoadedAggregate<State> {
  readonly state: State;
  /** The stream's version the state reflects (0: no events). */
  readonly version: number;
  /** The version of the snapshot the load started from, if one was used. */
  readonly snapshotVersion?: number;
  /** Events applied after the snapshot (or from the start). */
  readonly eventsApplied: number;
}

export interface LoadOptions {
  /** Load the state as of this version. Default: the latest. */
  readonly toVersion?: number;
}

/**
 * Rebuilds an aggregate: from its latest snapshot (when its stream type has a snapshot policy),
 * then every later event. Stored events are upcast first, so `evolve` sees the latest schema.
 */
export async function loadAggregate<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  options: LoadOptions = {},
): Promise<LoadedAggregate<State>> {
  const policy = store.snapshotPolicyFor(streamId);
  const bound = options.toVersion === undefined ? {} : { maxVersion: options.toVersion };
  const snapshot =
    policy === undefined
      ? undefined
      : await store.loadSnapshot<State>(streamId, { stateVersion: policy.stateVersion ?? 1, ...bound });
  const events = await store.readStream(streamId, {
    fromVersion: (snapshot?.version ?? 0) + 1,
    ...(options.toVersion === undefined ? {} : { toVersion: options.toVersion }),
  });
  // Stored events are the decider's events with metadata beside them: evolve reads type and data.
  const state = fold(decider, events as unknown as readonly Event[], snapshot?.state ?? decider.initialState());
  return {
    state,
    version: events.at(-1)?.version ?? snapshot?.version ?? 0,
    ...(snapshot === undefined ? {} : { snapshotVersion: snapshot.version }),
    eventsApplied: events.length,
  };
}
