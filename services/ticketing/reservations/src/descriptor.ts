import { defineService } from '@eventflow/host';
import { eventTypes, pedidosTopic, reservasTopic } from '@eventflow/ticketing-contracts';
import { reservationMigrations } from './store/schema.ts';

/**
 * Spec 001's "Servicio de Reservas y Pagos": the central coordinator. POST /api/reservar runs the
 * chain of responsibility, then the orchestrated purchase saga over inventory, payments and users.
 */
export const reservations = defineService({
  name: 'reservations',
  system: 'ticketing',
  description: 'Reservations: the chain of checks, then the orchestrated purchase saga (seats, payment, confirmation)',
  routes: [{ path: '/api/reservar' }, { prefix: '/api/reservas' }],
  port: 8206,
  needs: ['sql', 'bus'],
  calls: ['users', 'events', 'inventory', 'payments'],
  publishes: [
    { topic: pedidosTopic, types: eventTypes.pedidos },
    // ReservaSolicitada goes to ticketing.pedidos as OrderCreated; reservas carries the outcomes.
    { topic: reservasTopic, types: eventTypes.reservas },
  ],
  config: {
    type: 'object',
    properties: {
      RESERVATIONS_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'reservations' },
      RESERVATIONS_WAIT_MS: {
        type: 'integer',
        minimum: 0,
        maximum: 60_000,
        default: 3_000,
        description: 'How long POST /api/reservar waits for the saga to end before answering 202',
      },
      RESERVATIONS_SAGA_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 1_000, default: 64 },
      RESERVATIONS_SAGA_LEASE_MS: {
        type: 'integer',
        minimum: 1_000,
        maximum: 300_000,
        default: 10_000,
        description:
          'How long a saga stays with a worker that stopped renewing it (a crashed process) before another takes it over',
      },
      RESERVATIONS_MAX_PER_USER: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        default: 6,
        description: 'Tickets per person and event when the event sets no max_entradas_por_usuario',
      },
    },
  },
  migrations: (config) => reservationMigrations(config.RESERVATIONS_SCHEMA),
  build: async ({ ports, config, urlOf }) =>
    (await import('./service.ts')).reservationsService({
      sql: ports.sql,
      bus: ports.bus,
      schema: config.RESERVATIONS_SCHEMA,
      urlOf,
      waitMs: config.RESERVATIONS_WAIT_MS,
      sagaConcurrency: config.RESERVATIONS_SAGA_CONCURRENCY,
      sagaLeaseMs: config.RESERVATIONS_SAGA_LEASE_MS,
      defaultLimit: config.RESERVATIONS_MAX_PER_USER,
    }),
});
