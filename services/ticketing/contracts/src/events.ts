// The events the ticketing services publish, one topic per family, keyed so that one aggregate stays
// on one partition. Personal data (names, documents, emails) never travels on these topics.

/** Spec 002's order event, published by reservations when a reservation's saga starts. */
export interface OrderCreated {
  readonly orderId: string;
  /** The buyer's pseudonym (usuario_seudonimo), never the user's id. */
  readonly userId: string;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number; readonly price: number }>;
  readonly createdAt: string;
}

/**
 * Every service but users knows a person only by a pseudonym (a keyed hash of their id that only
 * users can compute): `usuario_seudonimo` on every topic, in every other service's tables.
 */
export interface UsuarioCreado {
  readonly usuario_seudonimo: string;
  readonly tipo_documento: string;
  readonly creado_en: string;
}

export interface CompraRegistrada {
  readonly usuario_seudonimo: string;
  readonly reserva_id: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly importe: number;
  readonly fecha: string;
}

export interface EventoCreado {
  readonly evento_id: string;
  readonly nombre: string;
  readonly fecha: string;
  readonly lugar: string;
  readonly aforo_total: number;
  readonly precio: number;
  readonly creado_en: string;
}

/** Every change of an event's seats carries the counts after it and the inventory stream's version. */
export interface InventarioCambiado {
  readonly evento_id: string;
  /** Absent on InventarioCreado. */
  readonly reserva_id?: string;
  readonly cantidad: number;
  readonly aforo_total: number;
  readonly disponibles: number;
  readonly retenidas: number;
  readonly vendidas: number;
  readonly version: number;
}

export interface PagoCambiado {
  readonly reserva_id: string;
  readonly pago_id: string;
  readonly importe: number;
  readonly moneda: string;
  readonly estado: 'capturado' | 'rechazado' | 'reembolsado';
  readonly motivo?: string;
}

export interface ReservaCambiada {
  readonly reserva_id: string;
  readonly usuario_seudonimo: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly importe: number;
  readonly estado: 'pendiente' | 'confirmada' | 'fallida';
  /** Why it failed: the problem code of the step that gave up (RESERVA.AGOTADO, PAGO.RECHAZADO…). */
  readonly codigo?: string;
  readonly motivo?: string;
  readonly en: string;
}

/** The message types on each topic (the bus's `type` header). */
export const eventTypes = {
  usuarios: ['UsuarioCreado', 'CompraRegistrada'],
  eventos: ['EventoCreado'],
  inventario: ['InventarioCreado', 'AsientosRetenidos', 'AsientosConfirmados', 'AsientosLiberados'],
  pedidos: ['OrderCreated'],
  pagos: ['PagoCapturado', 'PagoRechazado', 'PagoReembolsado'],
  reservas: ['ReservaConfirmada', 'ReservaFallida'],
} as const;
