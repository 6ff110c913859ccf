// The service-to-service HTTP contracts of ticketing. Paths under /internal are never routed by the
// gateway: only the services that declare the callee in `calls` reach them, through `urlOf`.
// Every write is idempotent by the key named here, so a saga step may send it again after a crash.

/** inventory: POST /internal/inventario — creates an event's seats (idempotent by evento_id). */
export interface CrearInventario {
  readonly evento_id: string;
  readonly aforo_total: number;
}

/** inventory: the seats of one event (GET /internal/inventario/{evento_id}, and every write's answer). */
export interface Inventario {
  readonly evento_id: string;
  readonly aforo_total: number;
  readonly disponibles: number;
  readonly retenidas: number;
  readonly vendidas: number;
  readonly version: number;
}

/** An id in an /internal path or body (evento_id, reserva_id). */
export const internalIdSchema = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;

/** JSON Schema of CrearInventario (the inventory validates with it; a stand-in in a test too). */
export const crearInventarioSchema = {
  type: 'object',
  required: ['evento_id', 'aforo_total'],
  additionalProperties: false,
  properties: { evento_id: internalIdSchema, aforo_total: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
} as const;

/** JSON Schema of Inventario. */
export const inventarioSchema = {
  type: 'object',
  required: ['evento_id', 'aforo_total', 'disponibles', 'retenidas', 'vendidas', 'version'],
  properties: {
    evento_id: { type: 'string' },
    aforo_total: { type: 'integer' },
    disponibles: { type: 'integer' },
    retenidas: { type: 'integer' },
    vendidas: { type: 'integer' },
    version: { type: 'integer' },
  },
} as const;

/**
 * inventory: POST /internal/inventario/{evento_id}/retenciones — holds seats for a reservation.
 * 201 (or 200 when the same reserva_id was already held) with the Inventario; 409 problem
 * INVENTARIO.AGOTADO when fewer than `cantidad` are available; 404 INVENTARIO.NO_EXISTE.
 * Then POST …/retenciones/{reserva_id}/confirmar (200; 409 INVENTARIO.SIN_RETENCION if none is held)
 * and POST …/retenciones/{reserva_id}/liberar (200; releasing twice is a no-op; releasing what was never
 * held leaves a tombstone, so a later hold for that reservation is refused).
 */
export interface Retener {
  readonly reserva_id: string;
  readonly cantidad: number;
}

/**
 * payments: POST /internal/pagos — charges a reservation through the provider, once per reserva_id.
 * 201 (200 on a repeat) with the Pago; 402 problem PAGO.RECHAZADO when the provider declines (a
 * repeat answers the same); 503 PAGO.PROVEEDOR_NO_DISPONIBLE (retry later, same body).
 * POST /internal/pagos/{reserva_id}/reembolso: refunds a captured charge (200, idempotent); a
 * reservation never charged answers 200 with estado 'sin_cargo', a declined one 'rechazado'.
 */
export interface Cobrar {
  readonly reserva_id: string;
  /** The buyer's pseudonym. */
  readonly usuario_seudonimo: string;
  readonly importe: number;
  readonly moneda: string;
}

export interface Pago {
  readonly pago_id: string;
  readonly reserva_id: string;
  readonly importe: number;
  readonly moneda: string;
  /** pendiente: the provider was asked and its answer is not known yet (a retry or a refund settles it). */
  readonly estado: 'pendiente' | 'capturado' | 'rechazado' | 'reembolsado' | 'sin_cargo';
  readonly cargo_id?: string;
  readonly motivo?: string;
  readonly actualizado_en: string;
}

/**
 * users: GET /internal/usuarios/{usuario_id}/seudonimo — the pseudonym other services store instead
 * of the id (404 no such user, 410 erased). Only users holds the key that makes it.
 */
export interface Seudonimo {
  readonly usuario_seudonimo: string;
}

/**
 * users: GET /internal/seudonimos/{usuario_seudonimo}/contacto — what a notification needs to reach
 * the person, opened for that one use and never stored by the caller (404, 410 erased).
 */
export interface Contacto {
  readonly usuario_seudonimo: string;
  readonly nombre: string;
  readonly apellido: string;
  readonly email: string;
}

/**
 * users: POST /internal/seudonimos/{usuario_seudonimo}/compras — adds a purchase (idempotent by
 * reserva_id); GET /internal/seudonimos/{usuario_seudonimo}/compras?evento_id= — tickets bought.
 */
export interface Compra {
  readonly reserva_id: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly importe: number;
  readonly fecha: string;
}

export const ticketingCurrency = 'EUR';
