import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Envelope } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { cleanupStack, collectMessages, type Defer } from '@eventflow/eventstore/testing';
import { buildService, type ServiceApp } from '@eventflow/service';
import { injectJson, type JsonResponse } from '@eventflow/service/testing';
import { migrateSchema } from '@eventflow/sql';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { pagosTopic, type Cobrar, type PagoCambiado } from '@eventflow/ticketing-contracts';
import { embeddedProvider, type ProviderClient } from '@eventflow/ticketing-payment-provider/testing';
import { paymentMigrations } from '../migrations.ts';
import { paymentsService, type PaymentsOptions } from '../service.ts';

export interface PaymentsHarness {
  readonly defer: Defer;
  readonly app: ServiceApp;
  readonly provider: ProviderClient;
  readonly payments: PaymentsClient;
  /** Every message on ticketing.pagos, as delivered. */
  readonly received: Array<Envelope<PagoCambiado>>;
}

/** Settings a test may change: the payments service's, and the provider simulator's environment. */
export interface HarnessOptions {
  readonly payments?: Partial<PaymentsOptions>;
  readonly providerEnv?: Record<string, string>;
}

/**
 * The payments service built directly (its own PGlite and embedded bus, a collector on ticketing.pagos)
 * in front of the provider simulator, embedded; everything closed by the test's cleanup stack.
 */
export async function paymentsHarness(t: TestContext, options: HarnessOptions = {}): Promise<PaymentsHarness> {
  const defer = cleanupStack(t);
  const { provider } = await embeddedProvider(defer, options.providerEnv);
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-payments-'));
  defer(() => rm(dir, { recursive: true, force: true }));
  const bus = await openEmbeddedBus({ dir });
  defer(() => bus.close());
  const sql = await openPGliteDatabase();
  defer(() => sql.close());
  for (const set of paymentMigrations('payments')) await migrateSchema(sql, set);
  const { received } = await collectMessages(bus, pagosTopic);
  const app = buildService(
    paymentsService({
      sql,
      bus,
      schema: 'payments',
      providerUrl: provider.url,
      providerTimeoutMs: 5000,
      providerAttempts: 2,
      breakerFailures: 5,
      breakerHalfOpenMs: 100,
      reconcileIntervalMs: 50,
      reconcileWindowMs: 60_000,
      relayPollMs: 50,
      ...options.payments,
    }),
    { logger: false },
  );
  defer(() => app.close());
  await app.ready();
  return { defer, app, provider, payments: paymentsClient(app), received };
}

/** The payments routes, through inject. */
export function paymentsClient(app: ServiceApp) {
  const send = <T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResponse<T>> =>
    injectJson<T>(app, {
      method,
      url,
      ...(payload === undefined ? {} : { payload }),
      ...(headers === undefined ? {} : { headers }),
    });
  return {
    charge: (cobrar: Cobrar | Record<string, unknown>, headers?: Record<string, string>) =>
      send('POST', '/internal/pagos', cobrar, headers),
    refund: (reservaId: string, headers?: Record<string, string>) =>
      send('POST', `/internal/pagos/${encodeURIComponent(reservaId)}/reembolso`, undefined, headers),
    get: (reservaId: string) => send('GET', `/internal/pagos/${encodeURIComponent(reservaId)}`),
    getPublic: (reservaId: string) => send('GET', `/api/pagos/${encodeURIComponent(reservaId)}`),
    list: (query: string) =>
      send<{ pagos: Array<Record<string, unknown>>; after?: string }>('GET', `/api/pagos?${query}`),
    summary: () =>
      send<{ total: number; por_estado: Record<string, number>; importes: Record<string, unknown> }>(
        'GET',
        '/api/pagos/resumen',
      ),
  };
}

export type PaymentsClient = ReturnType<typeof paymentsClient>;

/** The messages of one reservation, as `type` names in delivery order. */
export function eventsOf(received: ReadonlyArray<Envelope<PagoCambiado>>, reservaId: string): string[] {
  return received.filter((m) => m.key === reservaId).map((m) => m.headers.type);
}
