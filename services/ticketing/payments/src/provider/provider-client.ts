import {
  isNetworkError,
  isResilienceError,
  resilientHttp,
  type FetchLike,
  type PolicyData,
  type ResilientHttp,
  type ResilientRequestInit,
} from '@eventflow/resilience';
import type { ServiceMetrics } from '@eventflow/service';
import { paymentErrors } from '../errors.ts';
import { readCharge, readCharges, readRefund, type ChargeOutcome, type ProviderCharge } from './provider-answers.ts';

export interface ProviderClientOptions {
  /** The processor's base URL (the payment-provider service). */
  readonly url: string;
  readonly policy: PolicyData;
  readonly fetch?: FetchLike;
}

/**
 * What the payments policy is made of: each try limited to `timeoutMs`; a failed try (network error,
 * timeout, 5xx) tried again up to `attempts` tries in all — safe for charges and refunds only because
 * each carries its Idempotency-Key; the circuit opens after `breakerFailures` failures in a row.
 */
export function providerPolicy(options: {
  timeoutMs: number;
  attempts: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
}): PolicyData {
  return {
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: options.attempts, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, jitter: 'full' },
    breaker: { consecutiveFailures: options.breakerFailures, halfOpenAfterMs: options.halfOpenAfterMs },
  };
}

/** The card processor, as the payments service calls it: charges, refunds and look-ups by reference. */
export class ProviderClient {
  readonly #url: string;
  readonly #http: ResilientHttp;

  constructor(options: ProviderClientOptions) {
    this.#url = `${options.url.replace(/\/+$/, '')}/api/proveedor-pagos`;
    this.#http = resilientHttp(options.policy, {
      name: 'payment-provider',
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  /** The breaker's state, retries and rejections in a service's /metrics. */
  observe(metrics: ServiceMetrics): { dispose(): void } {
    return this.#http.policy.observe(metrics);
  }

  /** Charges the reservation once (key `pago-<reserva_id>`, reference the reserva_id). */
  async charge(charge: { reservaId: string; importe: number; moneda: string }): Promise<ChargeOutcome> {
    const response = await this.#send('/cargos', {
      method: 'POST',
      idempotent: true,
      headers: { 'content-type': 'application/json', 'idempotency-key': `pago-${charge.reservaId}` },
      body: JSON.stringify({
        importe: charge.importe,
        moneda: charge.moneda,
        referencia: charge.reservaId,
        descripcion: `Reserva ${charge.reservaId}`,
      }),
    });
    return readCharge(response);
  }

  /** Refunds the reservation's charge once (key `reembolso-<reserva_id>`); an earlier refund counts as done. */
  async refund(refund: { reservaId: string; cargoId: string }): Promise<void> {
    const response = await this.#send(`/cargos/${encodeURIComponent(refund.cargoId)}/reembolsos`, {
      method: 'POST',
      idempotent: true,
      headers: { 'idempotency-key': `reembolso-${refund.reservaId}` },
    });
    await readRefund(response);
  }

  /** The processor's charges of a reference (the reserva_id). */
  async chargesOf(reservaId: string): Promise<ProviderCharge[]> {
    return readCharges(await this.#send(`/cargos?referencia=${encodeURIComponent(reservaId)}`, { method: 'GET' }));
  }

  async #send(path: string, init: ResilientRequestInit): Promise<Response> {
    try {
      return await this.#http(`${this.#url}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      throw unavailable(error, this.#url);
    }
  }
}

function unavailable(error: unknown, url: string): unknown {
  if (isResilienceError(error)) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000));
    const why = error.code === 'RESILIENCE.CIRCUIT_OPEN' ? 'calls suspended after repeated failures' : error.detail;
    return paymentErrors.providerUnavailable(`The card processor is unavailable: ${why ?? error.title}`, seconds);
  }
  if (isNetworkError(error)) {
    return paymentErrors.providerUnavailable(`The card processor at ${url} could not be reached`, 1);
  }
  return error;
}
