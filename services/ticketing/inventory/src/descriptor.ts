import { defineService } from '@eventflow/host';
import { eventTypes, inventarioTopic } from '@eventflow/ticketing-contracts';

/** Ticketing's inventory: each event's seats as an event-sourced aggregate on the SQL port. */
export const inventory = defineService({
  name: 'inventory',
  system: 'ticketing',
  description:
    "Inventory: each event's seats, event-sourced; holds, confirmations and releases that never sell a seat twice",
  routes: [{ prefix: '/api/inventario' }],
  port: 8203,
  needs: ['sql', 'bus'],
  publishes: [{ topic: inventarioTopic, types: eventTypes.inventario }],
  config: {
    type: 'object',
    properties: {
      INVENTORY_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'inventory' },
    },
  },
  build: async ({ ports, config }) =>
    (await import('./service.ts')).inventoryService({
      sql: ports.sql,
      bus: ports.bus,
      schema: config.INVENTORY_SCHEMA,
    }),
});
