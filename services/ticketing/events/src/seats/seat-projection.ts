import type { InventarioCambiado } from '@eventflow/ticketing-contracts';
import type { ReadThrough } from '@eventflow/cache';
import { seatCounts, type CachedEvent } from '../events/event.ts';
import type { EventCollection } from '../events/event-store.ts';
import type { Warn } from '../events/dependencies.ts';

/**
 * Applies one of inventory's seat changes to the event's document, if it is newer than what the
 * document holds: one atomic conditional update (`version_inventario < version`), so a redelivered
 * or late message never moves the counts backwards; then the event's cache entry is dropped. A change
 * for an event this service does not have (yet) changes nothing: the event is created with the seats
 * inventory answered, at their version.
 */
export async function applySeatChange(
  events: EventCollection,
  cache: ReadThrough<CachedEvent>,
  change: InventarioCambiado,
  warn?: Warn,
): Promise<boolean> {
  const updated = await events.updateOne(
    { _id: change.evento_id, version_inventario: { $lt: change.version } },
    { $set: { ...seatCounts(change) } },
  );
  if (updated === null) return false;
  await cache.invalidate(change.evento_id, warn);
  return true;
}
