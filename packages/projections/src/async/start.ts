import { startPollingLoop, type ErrorBackoff, type EventStore } from '@eventflow/eventstore';
import { rebuildProjection, replayProjection, type ReplayFrom } from '../control/control.ts';
import type { Projection } from '../projection.ts';
import { compileProjection } from './compiled.ts';
import { projectionLag } from './lag.ts';
import type { ProjectionObserver } from './observer.ts';
import { runProjectionRound } from './round.ts';

export interface StartProjectionOptions<Context> {
  /** A store not inside a transaction. */
  readonly store: EventStore;
  readonly projection: Projection<Context>;
  /** Events per round (one transaction). Default 100. */
  readonly batchSize?: number;
  /** How often an idle projection looks for new events. Default 500. */
  readonly pollIntervalMs?: number;
  readonly errorBackoff?: ErrorBackoff;
  /** Stops the projection, as `close()` does. */
  readonly signal?: AbortSignal;
  readonly observer?: ProjectionObserver;
}

export interface RunningProjection {
  readonly name: string;
  /** Look for events now. */
  wake(): void;
  /** Rebuild from zero (see rebuildProjection), then catch up. */
  rebuild(): Promise<void>;
  /** Replay from a checkpoint or position (see replayProjection), then catch up. */
  replay(from: ReplayFrom): Promise<void>;
  /** Lets the round in progress finish, then stops. */
  close(): Promise<void>;
}

/**
 * Runs an async projection: rounds of `batchSize` events while they come full, then a poll every
 * `pollIntervalMs`. Any number of instances may run: one at a time holds the projection's lock.
 */
export function startProjection<Context>(options: StartProjectionOptions<Context>): RunningProjection {
  const { store, observer } = options;
  const compiled = compileProjection(store, options.projection, options.batchSize);
  const projection = compiled.projection.name;
  const loop = startPollingLoop({
    pollIntervalMs: options.pollIntervalMs ?? 500,
    ...(options.errorBackoff === undefined ? {} : { errorBackoff: options.errorBackoff }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onError: (error) => observer?.failed?.({ projection, error }),
    round: async () => {
      const round = await runProjectionRound(store, compiled);
      if (!round.busy) observer?.round?.({ projection, read: round.read, applied: round.applied });
      if (observer?.lag !== undefined) observer.lag({ projection, lag: await projectionLag(store, projection) });
      return round.full ? 'more' : 'idle';
    },
  });
  return {
    name: projection,
    wake: () => loop.wake(),
    rebuild: async () => {
      await rebuildProjection(store, projection);
      loop.wake();
    },
    replay: async (from) => {
      await replayProjection(store, projection, from);
      loop.wake();
    },
    close: () => loop.close(),
  };
}
