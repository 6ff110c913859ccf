import { startPollingLoop, type ErrorBackoff } from '../polling/polling-loop.ts';
import { outboxChannel } from './channel.ts';
import { compileRelay, runRelayRound, type RelayRoundOptions } from './relay-round.ts';

/** Called as the relay works, for logs and /metrics; every method optional. */
export interface OutboxRelayObserver {
  published?(event: { readonly count: number }): void;
  /** A round failed (it is retried after the backoff: the same rows are published again). */
  failed?(event: { readonly error: unknown }): void;
}

export interface OutboxRelayOptions extends RelayRoundOptions {
  /** The poll when no notification comes. Default 1000. */
  readonly pollIntervalMs?: number;
  readonly errorBackoff?: ErrorBackoff;
  /** Stops the relay, as `close()` does. */
  readonly signal?: AbortSignal;
  readonly observer?: OutboxRelayObserver;
}

export interface OutboxRelay {
  /** Look at the outbox now (an in-process writer that knows it wrote). */
  wake(): void;
  /** Lets the round in progress finish (its rows are marked, or published again next time), then stops. */
  close(): Promise<void>;
}

/**
 * Publishes the outbox to the bus, in order per stream, at least once: rounds of relayOutboxOnce, run
 * again at once while batches come full, woken by the outbox's NOTIFY (PostgreSQL LISTEN; PGlite's
 * in-process listeners), with `pollIntervalMs` as the fallback. Any number may run: one holds the lock.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const relay = compileRelay(options);
  const { bus, executor, observer } = options;
  let declared = false;
  return startPollingLoop({
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    ...(options.errorBackoff === undefined ? {} : { errorBackoff: options.errorBackoff }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    notifications: { executor, channel: outboxChannel(options.schema ?? 'eventstore') },
    onError: (error) => observer?.failed?.({ error }),
    round: async () => {
      if (!declared) {
        await bus.declare([...relay.topics.values()]);
        declared = true;
      }
      const round = await runRelayRound(executor, bus, relay);
      if (round.published > 0) observer?.published?.({ count: round.published });
      return round.full ? 'more' : 'idle';
    },
  });
}
