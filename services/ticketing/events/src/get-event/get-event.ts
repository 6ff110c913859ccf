import { eventsErrors } from '../errors.ts';
import type { EventsDependencies, Warn } from '../events/dependencies.ts';
import { cachedEvent, eventView, type EventView } from '../events/event.ts';

/** An event and its seats, through the read-through cache (see the README for how stale). */
export async function getEvent(deps: EventsDependencies, eventoId: string, warn: Warn): Promise<EventView> {
  const event = await deps.cache.read(
    eventoId,
    async () => {
      const found = await deps.events.findOne({ _id: eventoId });
      return found === null ? null : cachedEvent(found);
    },
    warn,
  );
  if (event === null) throw eventsErrors.notFound(eventoId);
  return eventView(event, deps.now());
}
