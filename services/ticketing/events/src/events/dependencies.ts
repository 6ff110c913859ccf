import type { ReadThrough } from '@eventflow/cache';
import type { DocumentOutbox } from '@eventflow/docstore/outbox';
import type { InventoryClient } from '../inventory/inventory-client.ts';
import type { CachedEvent } from './event.ts';
import type { EventCollection } from './event-store.ts';

/** What the use cases work with. */
export interface EventsDependencies {
  readonly events: EventCollection;
  readonly outbox: DocumentOutbox;
  readonly cache: ReadThrough<CachedEvent>;
  readonly inventory: InventoryClient;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Where a use case reports what did not fail it (a deferred publish, a cache failure). */
export type Warn = (fields: object, message: string) => void;
