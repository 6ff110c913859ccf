import { defineService } from '@eventflow/host';
import { eventTypes, usuariosTopic } from '@eventflow/ticketing-contracts';

/** Ticketing's users: profiles and purchase history on the document store, behind a read-through cache. */
export const users = defineService({
  name: 'users',
  system: 'ticketing',
  description:
    'Users: profiles and their purchase history (embedded), cached for fast reads; no personal data on the bus',
  routes: [{ prefix: '/api/usuarios' }],
  port: 8201,
  needs: ['documents', 'cache', 'bus', 'keys'],
  publishes: [{ topic: usuariosTopic, types: eventTypes.usuarios }],
  // Its routes record themselves with ids only: a body here is personal data.
  recordRequests: 'self',
  config: {
    type: 'object',
    properties: {
      USERS_CACHE_TTL_SECONDS: {
        type: 'integer',
        minimum: 1,
        maximum: 86_400,
        default: 30,
        description: 'How long a user stays in the cache: how stale a read may be when an invalidation is lost',
      },
      USERS_OUTBOX_SWEEP_SECONDS: {
        type: 'integer',
        minimum: 1,
        maximum: 3600,
        default: 30,
        description: 'How often messages a request could not publish are sent again',
      },
      USERS_EXPORT_K: {
        type: 'integer',
        minimum: 2,
        maximum: 1000,
        default: 5,
        description: 'The anonymised export: every row shared by at least k users (and the least a caller may ask)',
      },
    },
  },
  build: async ({ ports, config, log }) =>
    (await import('./service.ts')).usersService({
      documents: ports.documents,
      cache: ports.cache,
      bus: ports.bus,
      keys: ports.keys,
      log,
      cacheTtlSeconds: config.USERS_CACHE_TTL_SECONDS,
      outboxSweepSeconds: config.USERS_OUTBOX_SWEEP_SECONDS,
      exportK: config.USERS_EXPORT_K,
    }),
});
