import type { Filter } from '@eventflow/docstore';
import type { EventsDependencies } from '../events/dependencies.ts';
import { cachedEvent, eventView, type EventDocument, type EventView } from '../events/event.ts';

export interface EventQuery {
  /** Events from this instant (inclusive). */
  readonly desde?: string;
  /** Events until this instant (inclusive). */
  readonly hasta?: string;
  readonly lugar?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A page of events by date (then id), straight from the store. */
export async function listEvents(
  deps: EventsDependencies,
  query: EventQuery,
): Promise<{ eventos: EventView[]; limit: number; offset: number }> {
  const fecha = {
    ...(query.desde === undefined ? {} : { $gte: new Date(query.desde).toISOString() }),
    ...(query.hasta === undefined ? {} : { $lte: new Date(query.hasta).toISOString() }),
  };
  const filter: Filter<EventDocument> = {
    ...(Object.keys(fecha).length === 0 ? {} : { fecha }),
    ...(query.lugar === undefined ? {} : { lugar: query.lugar.trim() }),
  };
  const found = await deps.events.find(filter, { sort: { fecha: 1 }, limit: query.limit, skip: query.offset });
  const now = deps.now();
  return { eventos: found.map((e) => eventView(cachedEvent(e), now)), limit: query.limit, offset: query.offset };
}
