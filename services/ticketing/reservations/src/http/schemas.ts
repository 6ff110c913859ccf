import { problemSchema } from '@eventflow/service';

export const problem = { $ref: `${problemSchema.$id}#` } as const;
const id = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;
/** Users and events are named by UUIDs: anything else is a 400 here, as on their own routes, not a 404. */
const uuid = { type: 'string', format: 'uuid' } as const;

export const reservarBody = {
  type: 'object',
  required: ['usuario_id', 'evento_id', 'cantidad'],
  additionalProperties: false,
  properties: {
    usuario_id: uuid,
    evento_id: uuid,
    cantidad: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
  },
} as const;

const paso = {
  type: 'object',
  required: ['paso', 'estado', 'en'],
  properties: {
    paso: { type: 'string', description: 'the step, or "saga" for the instance itself' },
    estado: { type: 'string', description: 'STARTED, STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED, COMPENSATING, …' },
    intento: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
    duracion_ms: { type: ['number', 'null'] },
    en: { type: 'string', format: 'date-time' },
  },
} as const;

export const reservaSchema = {
  type: 'object',
  required: [
    'reserva_id',
    'usuario_seudonimo',
    'evento_id',
    'cantidad',
    'importe',
    'moneda',
    'estado',
    'solicitada_en',
  ],
  properties: {
    reserva_id: { type: 'string' },
    usuario_seudonimo: {
      type: 'string',
      description:
        "The buyer's pseudonym: reservations never keep the user's id (GET /api/usuarios/{id} has their purchases)",
    },
    evento_id: { type: 'string' },
    cantidad: { type: 'integer' },
    precio_unitario: { type: 'number' },
    importe: { type: 'number' },
    moneda: { type: 'string' },
    estado: { enum: ['pendiente', 'confirmada', 'fallida'] },
    codigo: { type: ['string', 'null'] },
    motivo: { type: ['string', 'null'] },
    correlation_id: { type: ['string', 'null'] },
    solicitada_en: { type: 'string', format: 'date-time' },
    actualizada_en: { type: 'string', format: 'date-time' },
    saga: { type: ['string', 'null'], description: 'RUNNING, COMPENSATING, COMPLETED, COMPENSATED or FAILED' },
    pasos: { type: 'array', items: paso },
  },
} as const;

export const reservaParams = { type: 'object', required: ['reserva_id'], properties: { reserva_id: id } } as const;

export const listQuery = {
  type: 'object',
  properties: {
    evento_id: uuid,
    estado: { enum: ['pendiente', 'confirmada', 'fallida'] },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    after: id,
  },
} as const;

const tally = {
  type: 'object',
  required: ['reservas', 'entradas'],
  properties: { reservas: { type: 'integer' }, entradas: { type: 'integer' } },
} as const;

export const resumenQuery = { type: 'object', properties: { evento_id: uuid } } as const;

export const resumenSchema = {
  type: 'object',
  required: ['pendiente', 'confirmada', 'fallida'],
  properties: { pendiente: tally, confirmada: tally, fallida: tally },
} as const;
