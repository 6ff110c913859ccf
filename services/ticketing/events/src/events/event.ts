import type { BaseDocument } from '@eventflow/docstore';
import { outboxOf, pendingMessage, type OutboxFields, type PendingMessage } from '@eventflow/docstore/outbox';
import { eventosTopic, type EventoCreado, type Inventario } from '@eventflow/ticketing-contracts';

/** How many tickets one user may buy for an event unless it says otherwise. */
export const defaultTicketsPerUser = 6;

/** POST /api/eventos. */
export interface NewEvent {
  readonly nombre: string;
  readonly fecha: string;
  readonly lugar: string;
  readonly aforo_total: number;
  readonly precio: number;
  readonly descripcion?: string;
  readonly categoria?: string;
  readonly max_entradas_por_usuario?: number;
}

/** The seats of an event as the document keeps them: a projection of inventory's changes. */
export interface SeatCounts {
  readonly entradas_disponibles: number;
  readonly entradas_retenidas: number;
  readonly entradas_vendidas: number;
  /** The inventory stream's version these counts are at; only a newer change moves them. */
  readonly version_inventario: number;
}

/** An event as stored. The buyers are not here: a purchase refers to its event by evento_id. */
export interface EventDocument extends BaseDocument, OutboxFields, SeatCounts {
  readonly nombre: string;
  /** ISO-8601 UTC (normalised), so that string order is time order. */
  readonly fecha: string;
  readonly lugar: string;
  readonly aforo_total: number;
  readonly precio: number;
  readonly descripcion?: string;
  readonly categoria?: string;
  readonly max_entradas_por_usuario: number;
  readonly creado_en: string;
}

/** What the cache keeps: the document less its outbox. */
export type CachedEvent = Omit<EventDocument, 'outbox' | 'outbox_size'>;

export type EventState = 'en_venta' | 'agotado' | 'finalizado';

/** An event as the API answers it. */
export interface EventView extends Omit<CachedEvent, '_id' | 'version_inventario'> {
  readonly evento_id: string;
  readonly estado: EventState;
}

/** A new event's document, its seats as inventory created them, with EventoCreado in its outbox. */
export function newEvent(
  input: NewEvent,
  id: string,
  now: Date,
  seats: Inventario,
): { document: EventDocument; message: PendingMessage } {
  const created: EventoCreado = {
    evento_id: id,
    nombre: input.nombre.trim(),
    fecha: new Date(input.fecha).toISOString(),
    lugar: input.lugar.trim(),
    aforo_total: input.aforo_total,
    precio: input.precio,
    creado_en: now.toISOString(),
  };
  const message = pendingMessage(eventosTopic, { type: 'EventoCreado', key: id, value: created }, now);
  const { evento_id, ...fields } = created;
  const document: EventDocument = {
    _id: evento_id,
    ...fields,
    ...(input.descripcion === undefined ? {} : { descripcion: input.descripcion }),
    ...(input.categoria === undefined ? {} : { categoria: input.categoria }),
    max_entradas_por_usuario: input.max_entradas_por_usuario ?? defaultTicketsPerUser,
    ...seatCounts(seats),
    ...outboxOf([message]),
  };
  return { document, message };
}

export function seatCounts(seats: Pick<Inventario, 'disponibles' | 'retenidas' | 'vendidas' | 'version'>): SeatCounts {
  return {
    entradas_disponibles: seats.disponibles,
    entradas_retenidas: seats.retenidas,
    entradas_vendidas: seats.vendidas,
    version_inventario: seats.version,
  };
}

export function cachedEvent(document: EventDocument): CachedEvent {
  const cached: { -readonly [K in keyof EventDocument]: EventDocument[K] } = { ...document };
  delete cached.outbox;
  delete cached.outbox_size;
  return cached;
}

/** Finished once it has begun; sold out while no seat is available; else on sale. */
export function stateOf(event: Pick<CachedEvent, 'fecha' | 'entradas_disponibles'>, now: Date): EventState {
  if (Date.parse(event.fecha) <= now.getTime()) return 'finalizado';
  return event.entradas_disponibles > 0 ? 'en_venta' : 'agotado';
}

export function eventView(event: CachedEvent, now: Date): EventView {
  return {
    evento_id: event._id,
    nombre: event.nombre,
    fecha: event.fecha,
    lugar: event.lugar,
    aforo_total: event.aforo_total,
    precio: event.precio,
    ...(event.descripcion === undefined ? {} : { descripcion: event.descripcion }),
    ...(event.categoria === undefined ? {} : { categoria: event.categoria }),
    max_entradas_por_usuario: event.max_entradas_por_usuario,
    estado: stateOf(event, now),
    entradas_disponibles: event.entradas_disponibles,
    entradas_retenidas: event.entradas_retenidas,
    entradas_vendidas: event.entradas_vendidas,
    creado_en: event.creado_en,
  };
}
