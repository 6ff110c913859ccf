import type { SqlExecutor } from '@eventflow/eventstore';
import type { SagaDefinition } from '../definition/saga.ts';
import { SagaError } from '../errors.ts';
import type { SagaObserver } from '../metrics/observer.ts';

export interface SagaEngineOptions {
  /** The adapter's own executor (pg pool or PGlite): workers LISTEN on it. */
  readonly executor: SqlExecutor;
  /** The schema of the saga tables (often the service's event-store schema). */
  readonly schema: string;
  readonly sagas: readonly SagaDefinition<never>[];
  /** This worker's name in leases and in the log. Default `<hostname>:<pid>:<random>`. */
  readonly worker?: string;
  /** How long a claimed instance stays this worker's without renewal. Default 30 000. */
  readonly leaseMs?: number;
  /** Fallback when no notification comes. Default 1 000. */
  readonly pollIntervalMs?: number;
  /** Instances driven at once by this worker. Default 10. */
  readonly concurrency?: number;
  /** NOTIFY the workers when an instance is started (PostgreSQL serialises notifying commits). Default true. */
  readonly notify?: boolean;
  /**
   * A saga started (outside a caller's transaction) while this engine's worker runs and has room is
   * claimed in the insert and driven at once, without waiting for a claim round. Default true.
   */
  readonly eager?: boolean;
  /** Apply the saga migrations on open. Default true. */
  readonly migrate?: boolean;
  readonly observer?: SagaObserver;
  /** A round, a lease renewal or a transition failed (the work is retried; this is for logs). */
  readonly onError?: (error: unknown) => void;
  /** Jitter source of the retry backoff; tests pass a fixed one. */
  readonly random?: () => number;
}

export interface EngineSettings {
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly concurrency: number;
}

export function engineSettings(options: SagaEngineOptions): EngineSettings {
  const settings = {
    leaseMs: options.leaseMs ?? 30_000,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    concurrency: options.concurrency ?? 10,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SagaError('SAGA.INVALID_ARGUMENT', `${name} must be an integer ≥ 1, got ${value}`);
    }
  }
  if (settings.leaseMs < 100) throw new SagaError('SAGA.INVALID_ARGUMENT', 'leaseMs must be at least 100');
  return settings;
}
