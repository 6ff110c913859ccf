import type { EventsDependencies, Warn } from '../events/dependencies.ts';
import { eventView, newEvent, type EventView, type NewEvent } from '../events/event.ts';
import { checkNewEvent } from '../events/rules.ts';

/**
 * Creates an event: its id is chosen here, inventory creates its seats (idempotent by that id, so
 * it is retried), then one insert keeps the event with its EventoCreado, then the message is
 * published (or left for the sweeper). If inventory cannot be reached nothing is inserted: the
 * caller gets a 503 and tries again; seats left behind without an event are never sold, since no
 * one can reserve an event that does not exist.
 */
export async function createEvent(deps: EventsDependencies, input: NewEvent, warn: Warn): Promise<EventView> {
  const now = deps.now();
  checkNewEvent(input, now);
  const id = deps.newId();
  const seats = await deps.inventory.createSeats({ evento_id: id, aforo_total: input.aforo_total });
  const { document, message } = newEvent(input, id, now, seats);
  await deps.events.insertOne(document);
  await deps.outbox.deliver(id, [message], warn);
  return eventView(document, now);
}
