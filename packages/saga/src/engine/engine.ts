import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { correlationIdOrNew } from '@eventflow/correlation';
import type { SqlExecutor } from '@eventflow/eventstore';
import type { Worker } from '@eventflow/service';
import type { SagaDefinition } from '../definition/saga.ts';
import { SagaError } from '../errors.ts';
import { sagaLog, type SagaLog } from '../log/saga-log.ts';
import { combineSagaObservers, sagaMetrics, type SagaObserver } from '../metrics/observer.ts';
import { migrateSagas } from '../sql/migrations.ts';
import { sagaChannel } from '../sql/names.ts';
import { instanceOf, type ClaimedRow, type InstanceData, type InstanceRow, type SagaInstance } from './instance.ts';
import { engineSettings, type SagaEngineOptions } from './options.ts';
import { statements } from './statements.ts';
import { Waiters } from './waiters.ts';
import { SagaWorker } from './worker.ts';

export interface StartOptions {
  /** The instance id: starting again with the same id does nothing (idempotent). Default a UUID. */
  readonly id?: string;
  /** Default: the current correlation (`@eventflow/correlation`), or a new one. */
  readonly correlationId?: string;
  /** Start inside your transaction: the instance exists if and only if your writes commit. */
  readonly tx?: SqlExecutor;
}

export interface Started {
  readonly id: string;
  /** false when an instance with this id already existed. */
  readonly created: boolean;
}

export interface SagaEngine {
  readonly schema: string;
  readonly worker: string;
  readonly log: SagaLog;
  start<Input>(saga: string | SagaDefinition<Input>, input: Input, options?: StartOptions): Promise<Started>;
  get(id: string): Promise<SagaInstance | undefined>;
  /**
   * Resolves once the instance has ended (COMPLETED, COMPENSATED or FAILED), whoever drove it; rejects
   * with `SAGA.WAIT_TIMEOUT` after `timeoutMs` (default 30 000). Something must drive it: this engine's
   * worker (`startWorker`, or `serviceWorker` in `runService`) or another process's.
   */
  waitFor(id: string, options?: { readonly timeoutMs?: number }): Promise<SagaInstance>;
  /**
   * Puts a FAILED instance (needs attention) back to work once its cause is fixed: forward again from the
   * step that gave up, or compensating again from the compensation that gave up, with fresh attempts.
   * Resolves false when the instance is not FAILED.
   */
  retry(id: string): Promise<boolean>;
  /**
   * Claims and drives due instances until `stopWorker`/`close`: on start, on NOTIFY, on retry timers, by
   * polling. Not started by `openSagaEngine`: call it (or run `serviceWorker()` in `runService`).
   */
  startWorker(): void;
  /** Stops claiming; instances in flight finish their current attempt and are released. */
  stopWorker(): Promise<void>;
  /** Reports into this observer too (the service kit's metrics: `sagaMetrics(context.metrics)`). */
  observe(observer: SagaObserver): void;
  /** The engine's worker for the service kit: started with the app, its metrics in /metrics. */
  serviceWorker(name?: string): Worker;
  close(): Promise<void>;
}

function defaultWorker(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Opens the engine on `schema`: creates or migrates its tables there (`saga_instances`, `saga_log`,
 * `saga_migrations`; unless `migrate: false`). Starts no worker (`startWorker`, or `serviceWorker()`
 * in `runService`). The executor stays yours to close.
 */
export async function openSagaEngine(options: SagaEngineOptions): Promise<SagaEngine> {
  if (options.migrate ?? true) await migrateSagas(options.executor, { schema: options.schema });
  return createSagaEngine(options);
}

/** The engine on an already migrated schema. */
export function createSagaEngine(options: SagaEngineOptions): SagaEngine {
  const settings = engineSettings(options);
  const { executor, schema } = options;
  const sagas = sagasByName(options.sagas);
  const worker = options.worker ?? defaultWorker();
  const channel = sagaChannel(schema);
  const sql = statements(schema, channel);
  const notifyChannel = (options.notify ?? true) ? channel : null;
  let observer: SagaObserver = options.observer ?? {};
  const waiters = new Waiters();
  const loop = new SagaWorker({
    executor,
    sql,
    channel,
    worker,
    settings,
    sagas,
    observer: () => observer,
    finished: (id) => waiters.finished(id),
    onError: options.onError ?? (() => undefined),
    random: options.random ?? Math.random,
  });
  const get = async (id: string): Promise<SagaInstance | undefined> => {
    const [row] = await executor.query<InstanceRow>(sql.get, [id]);
    return row === undefined ? undefined : instanceOf(row);
  };

  const engine: SagaEngine = {
    schema,
    worker,
    log: sagaLog(executor, schema),
    async start(sagaOrName, input, startOptions = {}) {
      const name = typeof sagaOrName === 'string' ? sagaOrName : sagaOrName.name;
      const saga = sagas.get(name);
      if (saga === undefined) throw new SagaError('SAGA.UNKNOWN_SAGA', `this engine knows no saga ${name}`);
      const id = startOptions.id ?? randomUUID();
      const data: InstanceData = { input, outputs: {}, completed: [] };
      const correlationId = startOptions.correlationId ?? correlationIdOrNew();
      // Not in a caller's transaction (invisible until it commits): a running worker with room drives it at once.
      const eager = (options.eager ?? true) && startOptions.tx === undefined && loop.hasRoom;
      const target = startOptions.tx ?? executor;
      const [row] = await target.query<{ created: number }>(sql.start, [
        id,
        saga.name,
        saga.steps[0]?.name ?? null,
        JSON.stringify(data),
        correlationId,
        worker,
        eager ? null : notifyChannel,
        eager,
        settings.leaseMs,
      ]);
      if (Number(row?.created ?? 0) === 0) {
        const [existing] = await target.query<{ saga: string }>(sql.existing, [id]);
        if (existing !== undefined && existing.saga !== saga.name) {
          throw new SagaError('SAGA.ID_CONFLICT', `saga instance ${id} belongs to ${existing.saga}`, { id });
        }
        return { id, created: false };
      }
      observer.started?.(saga.name);
      if (eager) loop.drive(saga, newRow(id, saga.name, data, correlationId), { attemptBegun: true });
      else loop.wake();
      return { id, created: true };
    },
    get,
    async retry(id) {
      const [row] = await executor.query<{ retried: number }>(sql.retryFailed, [id, worker, notifyChannel]);
      loop.wake();
      return Number(row?.retried ?? 0) === 1;
    },
    waitFor: (id, waitOptions = {}) =>
      waiters.waitFor(
        id,
        get,
        waitOptions.timeoutMs ?? 30_000,
        (driven) => loop.isDriving(driven),
        () => loop.running,
      ),
    startWorker: () => loop.start(),
    stopWorker: () => loop.stop(),
    observe(added) {
      observer = combineSagaObservers(observer, added);
    },
    serviceWorker(name = 'saga-engine') {
      return {
        name,
        start(context) {
          engine.observe(sagaMetrics(context.metrics));
          loop.start();
          return Promise.resolve();
        },
        close: () => loop.stop(),
      };
    },
    close: () => loop.stop(),
  };
  return engine;
}

function sagasByName(list: readonly SagaDefinition[]): Map<string, SagaDefinition> {
  const sagas = new Map<string, SagaDefinition>();
  for (const saga of list) {
    if (sagas.has(saga.name)) throw new SagaError('SAGA.INVALID_ARGUMENT', `two sagas named ${saga.name}`);
    sagas.set(saga.name, saga);
  }
  return sagas;
}

function newRow(id: string, saga: string, data: InstanceData, correlationId: string): ClaimedRow {
  const fresh = {
    status: 'RUNNING',
    step: 0,
    current_step: null,
    attempt: 0,
    error: null,
    previous_owner: null,
  } as const;
  return { id, saga, data, correlation_id: correlationId, ...fresh };
}
