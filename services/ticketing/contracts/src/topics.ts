import { defineTopic, type Topic } from '@eventflow/bus';
import type {
  CompraRegistrada,
  EventoCreado,
  InventarioCambiado,
  OrderCreated,
  PagoCambiado,
  ReservaCambiada,
  UsuarioCreado,
} from './events.ts';

const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const money = { type: 'number', minimum: 0 } as const;
const time = { type: 'string', format: 'date-time' } as const;

/** Partitions of every ticketing topic (TICKETING_PARTITIONS is not read here: topics are code). */
export const ticketingPartitions = 6;

function topic<T>(name: string, type: string, schema: object): Topic<T> {
  return defineTopic<T>({ name, partitions: ticketingPartitions, type, schema });
}

/** Key: usuario_seudonimo. */
export const usuariosTopic = topic<UsuarioCreado | CompraRegistrada>('ticketing.usuarios', 'UsuarioCreado', {
  type: 'object',
  required: ['usuario_seudonimo'],
  properties: {
    usuario_seudonimo: id,
    tipo_documento: { type: 'string' },
    creado_en: time,
    reserva_id: id,
    evento_id: id,
    cantidad: count,
    importe: money,
    fecha: time,
  },
  // Personal data must never travel, nor the user's id (only the pseudonym): these names are refused.
  not: {
    anyOf: [
      { required: ['nombre'] },
      { required: ['apellido'] },
      { required: ['email'] },
      { required: ['nro_documento'] },
      { required: ['usuario_id'] },
    ],
  },
});

/** Key: evento_id. */
export const eventosTopic = topic<EventoCreado>('ticketing.eventos', 'EventoCreado', {
  type: 'object',
  required: ['evento_id', 'nombre', 'fecha', 'lugar', 'aforo_total', 'precio', 'creado_en'],
  properties: {
    evento_id: id,
    nombre: { type: 'string' },
    fecha: time,
    lugar: { type: 'string' },
    aforo_total: count,
    precio: money,
    creado_en: time,
  },
});

/** Key: evento_id, so one event's seat changes are read in order. */
export const inventarioTopic = topic<InventarioCambiado>('ticketing.inventario', 'InventarioCreado', {
  type: 'object',
  required: ['evento_id', 'cantidad', 'aforo_total', 'disponibles', 'retenidas', 'vendidas', 'version'],
  properties: {
    evento_id: id,
    reserva_id: id,
    cantidad: count,
    aforo_total: count,
    disponibles: count,
    retenidas: count,
    vendidas: count,
    version: { type: 'integer', minimum: 1 },
  },
});

/** Spec 002's OrderCreated. Key: orderId (the reservation's id). */
export const pedidosTopic = topic<OrderCreated>('ticketing.pedidos', 'OrderCreated', {
  type: 'object',
  required: ['orderId', 'userId', 'items', 'createdAt'],
  additionalProperties: false,
  properties: {
    orderId: id,
    userId: id,
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['productId', 'quantity', 'price'],
        additionalProperties: false,
        properties: { productId: id, quantity: { type: 'integer', minimum: 1 }, price: money },
      },
    },
    createdAt: time,
  },
});

/** Key: reserva_id. */
export const pagosTopic = topic<PagoCambiado>('ticketing.pagos', 'PagoCapturado', {
  type: 'object',
  required: ['reserva_id', 'pago_id', 'importe', 'moneda', 'estado'],
  properties: {
    reserva_id: id,
    pago_id: id,
    importe: money,
    moneda: { type: 'string', minLength: 3, maxLength: 3 },
    estado: { enum: ['capturado', 'rechazado', 'reembolsado'] },
    motivo: { type: 'string' },
  },
});

/** Key: reserva_id. */
export const reservasTopic = topic<ReservaCambiada>('ticketing.reservas', 'ReservaConfirmada', {
  type: 'object',
  required: ['reserva_id', 'usuario_seudonimo', 'evento_id', 'cantidad', 'importe', 'estado', 'en'],
  // The buyer by pseudonym only.
  not: { required: ['usuario_id'] },
  properties: {
    reserva_id: id,
    usuario_seudonimo: id,
    evento_id: id,
    cantidad: { type: 'integer', minimum: 1 },
    importe: money,
    estado: { enum: ['pendiente', 'confirmada', 'fallida'] },
    codigo: { type: 'string' },
    motivo: { type: 'string' },
    en: time,
  },
});

export const ticketingTopics: ReadonlyArray<Topic<unknown>> = [
  usuariosTopic,
  eventosTopic,
  inventarioTopic,
  pedidosTopic,
  pagosTopic,
  reservasTopic,
] as ReadonlyArray<Topic<unknown>>;
