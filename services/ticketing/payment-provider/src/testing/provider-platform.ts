import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Defer } from '@eventflow/eventstore/testing';
import { runEmbeddedPlatform, type AnyServiceDescriptor } from '@eventflow/host';
import { paymentProvider } from '../descriptor.ts';
import type { Settings, SettingsChange } from '../simulator/behaviour.ts';
import { sendJson, type JsonAnswer } from './json-client.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..');

/**
 * The simulator (and any other descriptors), embedded in a folder of the test's own; closed, then the
 * folder removed, by the test's cleanup stack.
 */
export async function embeddedProvider(
  defer: Defer,
  env: Record<string, string> = {},
  descriptors: readonly AnyServiceDescriptor[] = [paymentProvider],
) {
  const data = await mkdtemp(join(tmpdir(), 'eventflow-payment-provider-'));
  defer(() => rm(data, { recursive: true, force: true }));
  const running = await runEmbeddedPlatform(descriptors, {
    env: { EVENTFLOW_DATA: data, GATEWAY_PORT: '0', LOG_LEVEL: 'warn', PAYMENT_PROVIDER_LATENCY_MS: '0-2', ...env },
    root,
  });
  defer(() => running.close());
  return { running, provider: providerClient(running.registry.urlOf('payment-provider')) };
}

/** The simulator's routes, for tests. */
export function providerClient(url: string) {
  const base = `${url}/api/proveedor-pagos`;
  return {
    url,
    charge: (key: string | undefined, body: unknown): Promise<JsonAnswer> =>
      sendJson(`${base}/cargos`, { body, headers: key === undefined ? {} : { 'idempotency-key': key } }),
    refund: (key: string | undefined, cargoId: string): Promise<JsonAnswer> =>
      sendJson(`${base}/cargos/${encodeURIComponent(cargoId)}/reembolsos`, {
        method: 'POST',
        headers: key === undefined ? {} : { 'idempotency-key': key },
      }),
    charges: async (referencia: string): Promise<Array<Record<string, unknown>>> =>
      (
        await sendJson<{ cargos: Array<Record<string, unknown>> }>(
          `${base}/cargos?referencia=${encodeURIComponent(referencia)}`,
        )
      ).body.cargos,
    get: (cargoId: string): Promise<JsonAnswer> => sendJson(`${base}/cargos/${encodeURIComponent(cargoId)}`),
    summary: async (): Promise<Record<string, number>> =>
      (await sendJson<Record<string, number>>(`${base}/resumen`)).body,
    settings: async (): Promise<Settings> => (await sendJson<Settings>(`${base}/control`)).body,
    control: (change: SettingsChange | Record<string, unknown>): Promise<JsonAnswer> =>
      sendJson(`${base}/control`, { method: 'PUT', body: change }),
  };
}

export type ProviderClient = ReturnType<typeof providerClient>;
