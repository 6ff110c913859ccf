import { randomUUID } from 'node:crypto';
import type { Bus } from '@eventflow/bus';
import { readThrough, type Cache } from '@eventflow/cache';
import type { DocumentStore } from '@eventflow/docstore';
import { DocumentOutbox, outboxSweeper } from '@eventflow/docstore/outbox';
import type { PolicyData } from '@eventflow/resilience';
import type { ServiceDefinition } from '@eventflow/service';
import { eventosTopic, inventarioTopic } from '@eventflow/ticketing-contracts';
import type { EventsDependencies } from './events/dependencies.ts';
import type { CachedEvent } from './events/event.ts';
import { openEventCollection } from './events/event-store.ts';
import { eventRoutes } from './http/event-routes.ts';
import { inventoryClient } from './inventory/inventory-client.ts';
import { seatProjection } from './seats/projection-worker.ts';

export interface EventsServiceOptions {
  readonly documents: DocumentStore;
  readonly cache: Cache;
  readonly bus: Bus;
  /** Inventory's base URL. */
  readonly inventoryUrl: string;
  /** @default defaultInventoryPolicy */
  readonly inventoryPolicy?: PolicyData;
  /** How long an event stays cached (the staleness backstop). @default 5 */
  readonly cacheTtlSeconds?: number;
  /** The seat projection's consumer group. @default 'events-disponibles' */
  readonly projectionGroup?: string;
  /** @default 30 */
  readonly outboxSweepSeconds?: number;
  readonly now?: () => Date;
}

/** The events service: the catalogue on the document store, its seats projected from inventory's changes. */
export async function eventsService(options: EventsServiceOptions): Promise<ServiceDefinition> {
  await options.bus.declare([eventosTopic, inventarioTopic]);
  const events = await openEventCollection(options.documents);
  const outbox = new DocumentOutbox({ collection: events, bus: options.bus, topics: [eventosTopic] });
  const cache = readThrough<CachedEvent>({
    cache: options.cache,
    prefix: 'evento:',
    ttlSeconds: options.cacheTtlSeconds ?? 5,
  });
  const deps: EventsDependencies = {
    events,
    outbox,
    cache,
    inventory: inventoryClient({
      url: options.inventoryUrl,
      ...(options.inventoryPolicy === undefined ? {} : { policy: options.inventoryPolicy }),
    }),
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
  };
  return {
    name: 'events',
    version: '0.1.0',
    description: 'Events: the catalogue and each event’s available seats, read fast and eventually consistent',
    routes: [eventRoutes(deps)],
    workers: [
      seatProjection(options.bus, options.projectionGroup ?? 'events-disponibles', events, cache),
      outboxSweeper(outbox, { intervalSeconds: options.outboxSweepSeconds ?? 30, now: deps.now }),
    ],
  };
}
