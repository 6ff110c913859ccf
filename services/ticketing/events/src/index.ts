export { events } from './descriptor.ts';
export { eventsService, type EventsServiceOptions } from './service.ts';
export { defaultInventoryPolicy, inventoryClient, type InventoryClient } from './inventory/inventory-client.ts';
export type { EventView, NewEvent } from './events/event.ts';
