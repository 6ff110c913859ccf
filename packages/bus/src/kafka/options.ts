import type { BusObserver } from '../port.ts';

export interface KafkaBusOptions {
  /** `host:port` of one or more brokers to bootstrap from. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly observer?: BusObserver;
  /** A consumer that sends no heartbeat for this long leaves its group. Default 30 000. */
  readonly sessionTimeoutMs?: number;
  /** Default 3 000; at most a third of the session timeout is advised. */
  readonly heartbeatIntervalMs?: number;
  /** How long the group waits for every member to rejoin. Default: twice the session timeout. */
  readonly rebalanceTimeoutMs?: number;
  /** Jitter source of the retry backoff; tests pass a fixed one. */
  readonly random?: () => number;
  /** Replication factor of the topics `declare()` creates. Default 1 (one local broker). */
  readonly replicationFactor?: number;
  /** Records fetched and not yet handled, per subscription, above which fetching pauses. Default 500. */
  readonly maxPendingPerSubscription?: number;
  /** How often each subscription reports its lag to `observer.lag`. Default 5 000. */
  readonly lagIntervalMs?: number;
  /** How long the broker may hold a fetch open when there is nothing to read. Default 500. */
  readonly fetchMaxWaitMs?: number;
  /** Tries of a produce request before publish fails with BUS.PUBLISH_FAILED. Default 5. */
  readonly publishRetries?: number;
}

/** The options with every default filled in and checked once. */
export interface KafkaSettings {
  readonly brokers: string[];
  readonly clientId: string;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly replicationFactor: number;
  readonly maxPendingPerSubscription: number;
  readonly lagIntervalMs: number;
  readonly fetchMaxWaitMs: number;
  readonly publishRetries: number;
}

export function resolveSettings(options: KafkaBusOptions): KafkaSettings {
  const sessionTimeoutMs = options.sessionTimeoutMs ?? 30_000;
  const settings: KafkaSettings = {
    brokers: [...options.brokers],
    clientId: options.clientId,
    sessionTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
    rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 2 * sessionTimeoutMs,
    replicationFactor: options.replicationFactor ?? 1,
    maxPendingPerSubscription: options.maxPendingPerSubscription ?? 500,
    lagIntervalMs: options.lagIntervalMs ?? 5_000,
    fetchMaxWaitMs: options.fetchMaxWaitMs ?? 500,
    publishRetries: options.publishRetries ?? 5,
  };
  check(settings);
  return settings;
}

function check(settings: KafkaSettings): void {
  if (settings.brokers.length === 0) throw new RangeError('brokers: give at least one host:port');
  if (settings.clientId === '') throw new RangeError('clientId must not be empty');
  const positive = ['sessionTimeoutMs', 'heartbeatIntervalMs', 'maxPendingPerSubscription', 'lagIntervalMs'] as const;
  for (const name of positive) {
    if (!Number.isInteger(settings[name]) || settings[name] < 1) throw new RangeError(`${name} must be an integer ≥ 1`);
  }
  if (settings.heartbeatIntervalMs >= settings.sessionTimeoutMs) {
    throw new RangeError('heartbeatIntervalMs must be below sessionTimeoutMs');
  }
  if (settings.rebalanceTimeoutMs < settings.sessionTimeoutMs) {
    throw new RangeError('rebalanceTimeoutMs must be at least sessionTimeoutMs');
  }
  if (!Number.isInteger(settings.replicationFactor) || settings.replicationFactor < 1) {
    throw new RangeError('replicationFactor must be an integer ≥ 1');
  }
  // The library turns 0 or 1 retries of an idempotent producer into "retry forever".
  if (!Number.isInteger(settings.publishRetries) || settings.publishRetries < 2) {
    throw new RangeError('publishRetries must be an integer ≥ 2');
  }
  if (!Number.isInteger(settings.fetchMaxWaitMs) || settings.fetchMaxWaitMs < 0) {
    throw new RangeError('fetchMaxWaitMs must be an integer ≥ 0');
  }
}
