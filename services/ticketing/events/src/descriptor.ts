import { defineService } from '@eventflow/host';
import { eventosTopic, eventTypes } from '@eventflow/ticketing-contracts';

/** Ticketing's events: the catalogue on the document store; seat counts projected from inventory, cached. */
export const events = defineService({
  name: 'events',
  system: 'ticketing',
  description: 'Events: the catalogue and each event’s available seats, read fast and eventually consistent',
  routes: [{ prefix: '/api/eventos' }],
  port: 8202,
  needs: ['documents', 'cache', 'bus'],
  calls: ['inventory'],
  publishes: [{ topic: eventosTopic, types: eventTypes.eventos }],
  config: {
    type: 'object',
    properties: {
      EVENTS_CACHE_TTL_SECONDS: {
        type: 'integer',
        minimum: 1,
        maximum: 3600,
        default: 5,
        description: 'How long an event stays in the cache: how stale a read may be when an invalidation is lost',
      },
      EVENTS_PROJECTION_GROUP: {
        type: 'string',
        pattern: '^[A-Za-z0-9._-]{1,100}$',
        default: 'events-disponibles',
        description:
          "The seat projection's consumer group on ticketing.inventario (a new group rebuilds it from the start)",
      },
      EVENTS_OUTBOX_SWEEP_SECONDS: {
        type: 'integer',
        minimum: 1,
        maximum: 3600,
        default: 30,
        description: 'How often EventoCreado messages a request could not publish are sent again',
      },
    },
  },
  build: async ({ ports, config, urlOf }) =>
    (await import('./service.ts')).eventsService({
      documents: ports.documents,
      cache: ports.cache,
      bus: ports.bus,
      inventoryUrl: urlOf('inventory'),
      cacheTtlSeconds: config.EVENTS_CACHE_TTL_SECONDS,
      projectionGroup: config.EVENTS_PROJECTION_GROUP,
      outboxSweepSeconds: config.EVENTS_OUTBOX_SWEEP_SECONDS,
    }),
});
