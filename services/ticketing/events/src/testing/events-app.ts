import type { TestContext } from 'node:test';
import { recordingBus, type RecordingBus } from '@eventflow/bus/testing';
import { createMemoryCache } from '@eventflow/cache/memory';
import type { Cache } from '@eventflow/cache';
import { openTestDocumentStore } from '@eventflow/docstore/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { buildService, type ServiceApp } from '@eventflow/service';
import { openEventCollection, type EventCollection } from '../events/event-store.ts';
import { eventsService } from '../service.ts';

export interface EventsApp {
  readonly app: ServiceApp;
  readonly events: EventCollection;
  readonly cache: Cache;
  readonly bus: RecordingBus;
}

/** Retries without waiting, so that a test of an outage does not sleep through backoffs. */
const quickPolicy = {
  timeoutMs: 2000,
  retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1, multiplier: 1, jitter: 'none' },
} as const;

/**
 * The events service in this process on in-memory adapters the test holds, driven by inject();
 * inventory at `inventoryUrl` (a real HTTP address: nothing listening there is an outage).
 */
export async function eventsApp(t: TestContext, inventoryUrl: string): Promise<EventsApp> {
  const defer = cleanupStack(t);
  const documents = await openTestDocumentStore();
  defer(() => documents.close());
  const cache = createMemoryCache({ namespace: 'events:' });
  const bus = recordingBus();
  const definition = await eventsService({
    documents: documents.store,
    cache,
    bus,
    inventoryUrl,
    inventoryPolicy: quickPolicy,
  });
  // No workers: the recording bus delivers nothing, so the projection is not started here.
  const app = buildService({ ...definition, workers: [] }, { logger: false, defaultMetrics: false });
  defer(() => app.close());
  await app.ready();
  return { app, events: await openEventCollection(documents.store), cache, bus };
}
