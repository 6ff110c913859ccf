import { problemSchema } from '@eventflow/service';

export const problem = { $ref: `${problemSchema.$id}#` } as const;
const id = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;

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

export const eventoParams = {
  type: 'object',
  required: ['evento_id'],
  properties: { evento_id: id },
} as const;

export const retencionParams = {
  type: 'object',
  required: ['evento_id', 'reserva_id'],
  properties: { evento_id: id, reserva_id: id },
} as const;

export const crearBody = {
  type: 'object',
  required: ['evento_id', 'aforo_total'],
  additionalProperties: false,
  properties: { evento_id: id, aforo_total: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
} as const;

export const retenerBody = {
  type: 'object',
  required: ['reserva_id', 'cantidad'],
  additionalProperties: false,
  properties: { reserva_id: id, cantidad: { type: 'integer', minimum: 1, maximum: 100 } },
} as const;
