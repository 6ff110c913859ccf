import { problemSchema } from '@eventflow/service';
import { crearInventarioSchema, internalIdSchema, inventarioSchema } from '@eventflow/ticketing-contracts';

export const problem = { $ref: `${problemSchema.$id}#` } as const;
const id = internalIdSchema;

export { inventarioSchema };

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

export const crearBody = crearInventarioSchema;

export const retenerBody = {
  type: 'object',
  required: ['reserva_id', 'cantidad'],
  additionalProperties: false,
  properties: { reserva_id: id, cantidad: { type: 'integer', minimum: 1, maximum: 100 } },
} as const;
