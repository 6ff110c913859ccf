import type { Bus } from '@eventflow/bus';
import { createOutbox, outboxRelayWorker } from '@eventflow/eventstore';
import type { FetchLike } from '@eventflow/resilience';
import type { ServiceDefinition, Worker } from '@eventflow/service';
import { quoteIdentifier, type SqlDatabase } from '@eventflow/sql';
import { pagosTopic } from '@eventflow/ticketing-contracts';
import { internalRoutes } from './http/internal-routes.ts';
import { publicRoutes } from './http/public-routes.ts';
import { PagoQueries } from './pagos/pago-queries.ts';
import { PagoStore } from './pagos/pago-store.ts';
import type { Payments } from './payments.ts';
import { ProviderClient, providerPolicy } from './provider/provider-client.ts';
import { reconcilerWorker } from './reconcile/reconciler.ts';
import { SingleFlight } from './single-flight.ts';

export interface PaymentsOptions {
  readonly sql: SqlDatabase;
  readonly bus: Bus;
  /** Its schema (migrated by the host): the payments table and the outbox. */
  readonly schema: string;
  /** The card processor's base URL. */
  readonly providerUrl: string;
  readonly providerTimeoutMs: number;
  readonly providerAttempts: number;
  readonly breakerFailures: number;
  readonly breakerHalfOpenMs: number;
  readonly reconcileIntervalMs: number;
  readonly reconcileWindowMs: number;
  readonly relayPollMs: number;
  readonly now?: () => Date;
  readonly fetch?: FetchLike;
}

/** The reservations' payments: a service definition for the kit. */
export function paymentsService(options: PaymentsOptions): ServiceDefinition {
  const schema = quoteIdentifier(options.schema);
  const now = options.now ?? (() => new Date());
  const outbox = createOutbox({ schema: options.schema });
  const provider = new ProviderClient({
    url: options.providerUrl,
    policy: providerPolicy({
      timeoutMs: options.providerTimeoutMs,
      attempts: options.providerAttempts,
      breakerFailures: options.breakerFailures,
      halfOpenAfterMs: options.breakerHalfOpenMs,
    }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const store = new PagoStore({ sql: options.sql, schema, outbox, now });
  const payments: Payments = {
    store,
    provider,
    flights: new SingleFlight(),
    now,
    reconcileWindowMs: options.reconcileWindowMs,
  };
  return {
    name: 'payments',
    version: '0.1.0',
    description: 'Reservation payments: charges and refunds through the card processor, once per reservation',
    routes: [internalRoutes(payments), publicRoutes({ store, queries: new PagoQueries(options.sql, schema) })],
    workers: [
      outboxRelayWorker({
        executor: options.sql,
        schema: options.schema,
        bus: options.bus,
        router: { topics: [pagosTopic] },
        pollIntervalMs: options.relayPollMs,
      }),
      providerMetricsWorker(provider),
      reconcilerWorker(payments, options.reconcileIntervalMs),
    ],
  };
}

/** The provider calls' breaker state, retries and rejections in the service's /metrics. */
function providerMetricsWorker(provider: ProviderClient): Worker {
  let observing: { dispose(): void } | undefined;
  return {
    name: 'provider-metrics',
    start({ metrics }) {
      observing = provider.observe(metrics);
      return Promise.resolve();
    },
    close() {
      observing?.dispose();
      return Promise.resolve();
    },
  };
}
