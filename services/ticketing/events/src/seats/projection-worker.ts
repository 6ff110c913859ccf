import type { Bus } from '@eventflow/bus';
import { worker, type Worker } from '@eventflow/service';
import { inventarioTopic } from '@eventflow/ticketing-contracts';
import type { ReadThrough } from '@eventflow/cache';
import type { CachedEvent } from '../events/event.ts';
import type { EventCollection } from '../events/event-store.ts';
import { applySeatChange } from './seat-projection.ts';

/** The seat projection: a consumer group on ticketing.inventario feeding each event's seat counts. */
export function seatProjection(
  bus: Bus,
  group: string,
  events: EventCollection,
  cache: ReadThrough<CachedEvent>,
): Worker {
  return worker('seat-projection', ({ log }) =>
    bus.subscribe({
      group,
      topic: inventarioTopic,
      handle: async (message) => {
        const warn = (fields: object, text: string) => log.warn(fields, text);
        const applied = await applySeatChange(events, cache, message.value, warn);
        log.debug({ evento_id: message.value.evento_id, version: message.value.version, applied }, 'seat change');
      },
    }),
  );
}
