import { defineService } from '@eventflow/host';
import { eventTypes, pagosTopic } from '@eventflow/ticketing-contracts';
import { paymentMigrations } from './migrations.ts';

const positive = (value: number, description: string) =>
  ({ type: 'integer', minimum: 1, default: value, description }) as const;

/**
 * The reservations' payments: charges once per reservation through the card processor, refunds, and
 * PagoCapturado / PagoRechazado / PagoReembolsado on ticketing.pagos through the transactional outbox.
 */
export const payments = defineService({
  name: 'payments',
  system: 'ticketing',
  description: 'Reservation payments: charges and refunds through the card processor, once per reservation',
  routes: [{ prefix: '/api/pagos' }],
  port: 8204,
  needs: ['sql', 'bus'],
  calls: ['payment-provider'],
  publishes: [{ topic: pagosTopic, types: eventTypes.pagos }],
  // The saga's charges and refunds (/internal, never routed by the gateway) are its operations.
  recordRequests: (request) => request.method === 'POST' && request.url.startsWith('/internal/pagos'),
  config: {
    type: 'object',
    properties: {
      PAYMENTS_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'payments' },
      PAYMENTS_PROVIDER_TIMEOUT_MS: positive(5000, 'Time limit of each call to the card processor'),
      PAYMENTS_PROVIDER_ATTEMPTS: positive(2, 'Tries per call in all (charges and refunds carry idempotency keys)'),
      PAYMENTS_BREAKER_FAILURES: positive(5, 'Failed calls in a row that open the circuit'),
      PAYMENTS_BREAKER_HALF_OPEN_MS: positive(5000, 'How long the circuit stays open before a trial call'),
      PAYMENTS_RECONCILE_INTERVAL_MS: positive(5000, 'How often uncertain refunded references are checked'),
      PAYMENTS_RECONCILE_WINDOW_MS: positive(120_000, 'How long a reference refunded of nothing is watched'),
      PAYMENTS_RELAY_POLL_MS: positive(1000, 'The outbox relay’s poll when no notification comes'),
    },
  },
  migrations: (config) => paymentMigrations(config.PAYMENTS_SCHEMA),
  build: async ({ ports, config, urlOf }) =>
    (await import('./service.ts')).paymentsService({
      sql: ports.sql,
      bus: ports.bus,
      schema: config.PAYMENTS_SCHEMA,
      providerUrl: urlOf('payment-provider'),
      providerTimeoutMs: config.PAYMENTS_PROVIDER_TIMEOUT_MS,
      providerAttempts: config.PAYMENTS_PROVIDER_ATTEMPTS,
      breakerFailures: config.PAYMENTS_BREAKER_FAILURES,
      breakerHalfOpenMs: config.PAYMENTS_BREAKER_HALF_OPEN_MS,
      reconcileIntervalMs: config.PAYMENTS_RECONCILE_INTERVAL_MS,
      reconcileWindowMs: config.PAYMENTS_RECONCILE_WINDOW_MS,
      relayPollMs: config.PAYMENTS_RELAY_POLL_MS,
    }),
});
