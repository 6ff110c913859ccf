import { defineService } from '@eventflow/host';
import { providerMigrations } from './migrations.ts';
import { latencyPattern } from './simulator/latency.ts';

/**
 * The card processor no one can reach from here, as a simulator with a store of its own: charges and
 * refunds once per Idempotency-Key, declines and outages on demand (PUT /api/proveedor-pagos/control).
 */
export const paymentProvider = defineService({
  name: 'payment-provider',
  system: 'ticketing',
  description: 'Card processor simulator: charges and refunds once per idempotency key, declines and outages on demand',
  routes: [{ prefix: '/api/proveedor-pagos' }],
  port: 8205,
  needs: ['sql'],
  recordRequests: 'self',
  config: {
    type: 'object',
    properties: {
      PAYMENT_PROVIDER_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'payment_provider' },
      PAYMENT_PROVIDER_LATENCY_MS: {
        type: 'string',
        pattern: latencyPattern,
        default: '5-20',
        description: 'Simulated latency of each charge and refund, "min-max" milliseconds',
      },
      PAYMENT_PROVIDER_DECLINE_RATE: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        default: 0,
        description: 'Share of references declined (deterministic per reference)',
      },
      PAYMENT_PROVIDER_OUTAGE: {
        type: 'boolean',
        default: false,
        description: 'Every charge and refund answers 503',
      },
    },
  },
  migrations: (config) => providerMigrations(config.PAYMENT_PROVIDER_SCHEMA),
  build: async ({ ports, config, log }) =>
    (await import('./service.ts')).paymentProviderService({
      sql: ports.sql,
      schema: config.PAYMENT_PROVIDER_SCHEMA,
      latencyMs: config.PAYMENT_PROVIDER_LATENCY_MS,
      declineRate: config.PAYMENT_PROVIDER_DECLINE_RATE,
      outage: config.PAYMENT_PROVIDER_OUTAGE,
      log,
    }),
});
