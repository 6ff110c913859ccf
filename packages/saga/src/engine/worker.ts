import { startPollingLoop, type PollingLoop, type RoundOutcome, type SqlExecutor } from '@eventflow/eventstore';
import type { SagaDefinition } from '../definition/saga.ts';
import type { SagaObserver } from '../metrics/observer.ts';
import { InstanceDriver, type DriveContext } from './drive.ts';
import type { ClaimedRow } from './instance.ts';
import type { EngineSettings } from './options.ts';
import type { Statements } from './statements.ts';

export interface WorkerOptions {
  readonly executor: SqlExecutor;
  readonly sql: Statements;
  readonly channel: string;
  readonly worker: string;
  readonly settings: EngineSettings;
  readonly sagas: ReadonlyMap<string, SagaDefinition>;
  readonly observer: () => SagaObserver;
  readonly finished: (id: string) => void;
  readonly onError: (error: unknown) => void;
  readonly random: () => number;
}

/**
 * The loop that claims due instances (FOR UPDATE SKIP LOCKED, then a lease) and drives up to
 * `concurrency` of them at once; woken by NOTIFY, by the end of an instance, by retry timers, or by polling.
 */
export class SagaWorker {
  readonly #options: WorkerOptions;
  readonly #context: DriveContext;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #driving = new Set<string>();
  #loop: PollingLoop | undefined;
  #stopping = false;
  /** A round found no room, or claimed all it could: due instances may be waiting for a slot. */
  #full = false;

  constructor(options: WorkerOptions) {
    this.#options = options;
    this.#context = {
      target: {
        executor: options.executor,
        sql: options.sql.transition,
        worker: options.worker,
        leaseMs: options.settings.leaseMs,
      },
      renewSql: options.sql.renew,
      observer: options.observer,
      stopping: () => this.#stopping,
      wakeIn: (ms) => this.#wakeIn(ms),
      onError: options.onError,
      random: options.random,
    };
  }

  get running(): boolean {
    return this.#loop !== undefined;
  }

  /** Whether a newly started instance can be driven here at once. */
  get hasRoom(): boolean {
    return this.running && this.#inFlight.size < this.#options.settings.concurrency;
  }

  start(): void {
    if (this.#loop !== undefined) return;
    this.#stopping = false;
    this.#loop = startPollingLoop({
      round: () => this.#round(),
      pollIntervalMs: this.#options.settings.pollIntervalMs,
      onError: this.#options.onError,
      notifications: { executor: this.#options.executor, channel: this.#options.channel },
    });
  }

  wake(): void {
    this.#loop?.wake();
  }

  /** Whether this worker is driving the instance now (its end will be signalled, no need to poll). */
  isDriving(id: string): boolean {
    return this.#driving.has(id);
  }

  /** Drives an instance this worker holds the lease of. */
  drive(saga: SagaDefinition, row: ClaimedRow, options: { attemptBegun?: boolean } = {}): void {
    const done = (): void => {
      this.#inFlight.delete(driving);
      this.#driving.delete(row.id);
      // A freed slot matters only if a round left due work behind for lack of room.
      if (this.#full) this.wake();
    };
    const driving: Promise<void> = new InstanceDriver(this.#context, saga, row, options).run().then(
      (ended) => {
        // Room first, then the news: a caller that starts its next saga on it finds this worker free.
        done();
        if (ended) this.#options.finished(row.id);
      },
      (error: unknown) => {
        done();
        this.#options.onError(error);
      },
    );
    this.#inFlight.add(driving);
    this.#driving.add(row.id);
  }

  /** Stops claiming; instances in flight finish their current attempt and are released. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop?.close();
    await Promise.all(this.#inFlight);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#loop = undefined;
  }

  async #round(): Promise<RoundOutcome> {
    const { executor, sql, worker, settings, sagas } = this.#options;
    const free = settings.concurrency - this.#inFlight.size;
    this.#full = free <= 0;
    if (free <= 0 || this.#stopping) return 'idle';
    const rows = await executor.query<ClaimedRow>(sql.claim, [worker, free, settings.leaseMs, [...sagas.keys()]]);
    for (const row of rows) {
      const saga = sagas.get(row.saga);
      if (saga !== undefined) this.drive(saga, row);
    }
    this.#full = rows.length === free;
    return this.#full ? 'more' : 'idle';
  }

  #wakeIn(ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.wake();
    }, ms + 1);
    timer.unref();
    this.#timers.add(timer);
  }
}
