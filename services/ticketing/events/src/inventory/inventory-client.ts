import {
  isNetworkError,
  isResilienceError,
  resilientHttp,
  type FetchLike,
  type PolicyData,
  type ResilientHttp,
} from '@eventflow/resilience';
import type { ServiceMetrics } from '@eventflow/service';
import type { CrearInventario, Inventario } from '@eventflow/ticketing-contracts';
import { eventsErrors } from '../errors.ts';

/**
 * Per try 5 s; 3 tries, 100 ms then 200 ms apart (jittered, a Retry-After lengthens it up to 2 s);
 * the circuit opens after 5 failures in a row and lets a trial call through 10 s later.
 */
export const defaultInventoryPolicy: PolicyData = {
  timeoutMs: 5000,
  retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2000, multiplier: 2, jitter: 'full' },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
};

export interface InventoryClientOptions {
  /** Inventory's base URL (`urlOf('inventory')`). */
  readonly url: string;
  readonly policy?: PolicyData;
  readonly metrics?: ServiceMetrics;
  readonly fetch?: FetchLike;
}

/** Events' service layer to inventory: creating an event's seats, synchronously, under a resilience policy. */
export interface InventoryClient {
  /** Creates the seats (idempotent by evento_id, so it is retried); throws EVENTO.INVENTARIO_* when it cannot. */
  createSeats(request: CrearInventario): Promise<Inventario>;
}

export function inventoryClient(options: InventoryClientOptions): InventoryClient {
  const base = options.url.replace(/\/+$/, '');
  const http: ResilientHttp = resilientHttp(options.policy ?? defaultInventoryPolicy, {
    name: 'inventory',
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return {
    async createSeats(request) {
      const response = await http(`${base}/internal/inventario`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        idempotent: true,
      }).catch((error: unknown) => {
        throw unavailable(error, base);
      });
      return readInventario(response);
    },
  };
}

async function readInventario(response: Response): Promise<Inventario> {
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (response.status === 200 || response.status === 201) {
    if (isInventario(body)) return body;
    throw eventsErrors.inventoryRefused(response.status, 'UNEXPECTED_BODY');
  }
  const code = typeof body?.['code'] === 'string' ? body['code'] : undefined;
  if ([408, 429].includes(response.status) || response.status >= 500) {
    const seconds = Number(response.headers.get('retry-after'));
    const retryAfter = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
    throw eventsErrors.inventoryUnavailable(`Inventory answered ${response.status}; retry later`, retryAfter);
  }
  throw eventsErrors.inventoryRefused(response.status, code);
}

function unavailable(error: unknown, base: string): unknown {
  if (isResilienceError(error)) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000));
    return eventsErrors.inventoryUnavailable(`Inventory did not answer (${error.code})`, seconds);
  }
  if (isNetworkError(error)) return eventsErrors.inventoryUnavailable(`Inventory at ${base} could not be reached`, 1);
  return error;
}

function isInventario(body: unknown): body is Inventario {
  if (typeof body !== 'object' || body === null) return false;
  const fields = body as Record<string, unknown>;
  return (
    typeof fields['evento_id'] === 'string' &&
    ['aforo_total', 'disponibles', 'retenidas', 'vendidas', 'version'].every((f) => Number.isInteger(fields[f]))
  );
}
