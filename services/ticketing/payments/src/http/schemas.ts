import { estados } from '../pagos/pago.ts';

/** JSON schemas of the payments routes: they validate requests and make the OpenAPI. */
export const problem = { $ref: 'problem#' } as const;

const id = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' } as const;
const amount = { type: 'number', description: 'In currency units, at most two decimals' } as const;

export const cobrarBody = {
  type: 'object',
  required: ['reserva_id', 'usuario_seudonimo', 'importe', 'moneda'],
  additionalProperties: false,
  properties: {
    reserva_id: id,
    usuario_seudonimo: id,
    importe: { ...amount, minimum: 0.01, maximum: 1_000_000_000 },
    moneda: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
} as const;

export const pago = {
  type: 'object',
  required: ['pago_id', 'reserva_id', 'importe', 'moneda', 'estado', 'actualizado_en'],
  properties: {
    pago_id: { type: 'string' },
    reserva_id: { type: 'string' },
    importe: amount,
    moneda: { type: 'string' },
    estado: { type: 'string', enum: estados },
    cargo_id: { type: 'string', description: 'The processor’s charge' },
    motivo: { type: 'string' },
    actualizado_en: { type: 'string', format: 'date-time' },
  },
} as const;

export const reservaParams = {
  type: 'object',
  required: ['reserva_id'],
  properties: { reserva_id: id },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    estado: { type: 'string', enum: estados },
    after: { ...id, description: 'The cursor of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

export const pagoPage = {
  type: 'object',
  required: ['pagos'],
  properties: {
    pagos: { type: 'array', items: pago },
    after: { type: 'string', description: 'Pass as `after` for the next page; absent on the last' },
  },
} as const;

const count = { type: 'integer', minimum: 0 } as const;

export const resumen = {
  type: 'object',
  required: ['total', 'por_estado', 'importes'],
  properties: {
    total: count,
    por_estado: {
      type: 'object',
      required: estados,
      properties: Object.fromEntries(estados.map((estado) => [estado, count])),
    },
    importes: {
      type: 'object',
      description: 'Per currency: captured now, and refunded',
      additionalProperties: {
        type: 'object',
        required: ['capturado', 'reembolsado'],
        properties: { capturado: amount, reembolsado: amount },
      },
    },
  },
} as const;
