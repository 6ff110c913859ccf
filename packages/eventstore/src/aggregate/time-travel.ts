import type { DomainEvent } from '../events/types.ts';
import type { PointInTime } from '../read/version-at.ts';
import type { EventStore } from '../store/types.ts';
import type { Decider } from './decider.ts';
import { loadAggregate, type LoadedAggregate } from './load.ts';

/**
 * The aggregate as it was at a global position or a time (its events' recordedAt): the events up to
 * that point, from the latest snapshot at or below it.
 */
export async function aggregateStateAt<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  at: PointInTime,
): Promise<LoadedAggregate<State>> {
  const toVersion = await store.versionAt(streamId, at);
  return loadAggregate(store, streamId, decider, { toVersion });
}
