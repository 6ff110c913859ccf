import { problemSchema } from '@eventflow/service';
import { documentTypes } from '../users/user.ts';

export const problem = { $ref: `${problemSchema.$id}#` } as const;

/** Ids other services give us (reservations, events): the contracts' 1-100 of letters, digits, _ and -. */
const contractId = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;
/** Some non-blank character, and no control characters (a NUL cannot even be stored). */
export const printableText = '^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$';
const personName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: printableText,
  description: '1-100 characters, trimmed',
} as const;

export const newUserBody = {
  type: 'object',
  required: ['tipo_documento', 'nro_documento', 'nombre', 'apellido', 'email'],
  additionalProperties: false,
  properties: {
    tipo_documento: { type: 'string', enum: [...documentTypes] },
    nro_documento: {
      type: 'string',
      pattern: '^[A-Za-z0-9-]{1,30}$',
      description: '1-30 letters, digits or -; compared upper-cased within its tipo_documento',
    },
    nombre: personName,
    apellido: personName,
    email: { type: 'string', format: 'email', maxLength: 254, description: 'Stored and compared lower-cased' },
  },
} as const;

export const compraSchema = {
  type: 'object',
  required: ['reserva_id', 'evento_id', 'cantidad', 'importe', 'fecha'],
  additionalProperties: false,
  properties: {
    reserva_id: contractId,
    evento_id: contractId,
    cantidad: { type: 'integer', minimum: 1, maximum: 100 },
    importe: { type: 'number', minimum: 0 },
    fecha: { type: 'string', format: 'date-time' },
  },
} as const;

export const userSchema = {
  type: 'object',
  required: ['usuario_id', 'tipo_documento', 'nro_documento', 'nombre', 'apellido', 'email', 'creado_en', 'compras'],
  properties: {
    usuario_id: { type: 'string', format: 'uuid' },
    tipo_documento: { type: 'string', enum: [...documentTypes] },
    nro_documento: { type: 'string' },
    nombre: { type: 'string' },
    apellido: { type: 'string' },
    email: { type: 'string' },
    creado_en: { type: 'string', format: 'date-time' },
    compras: { type: 'array', items: compraSchema, description: 'The purchase history, oldest first' },
  },
} as const;

/** A pseudonym: 32 characters of base64url (@eventflow/privacy `pseudonym`). */
const seudonimo = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{32}$',
  description: 'A keyed hash of the user id',
} as const;

export const purchasesSchema = {
  type: 'object',
  required: ['usuario_seudonimo', 'compras'],
  properties: { usuario_seudonimo: seudonimo, compras: { type: 'array', items: compraSchema } },
} as const;

export const pseudonymSchema = {
  type: 'object',
  required: ['usuario_seudonimo'],
  properties: { usuario_seudonimo: seudonimo },
} as const;

export const contactSchema = {
  type: 'object',
  required: ['usuario_seudonimo', 'nombre', 'apellido', 'email'],
  properties: {
    usuario_seudonimo: seudonimo,
    nombre: { type: 'string' },
    apellido: { type: 'string' },
    email: { type: 'string' },
  },
} as const;

export const pseudonymParams = {
  type: 'object',
  required: ['usuario_seudonimo'],
  properties: { usuario_seudonimo: seudonimo },
} as const;

export const ticketsSchema = {
  type: 'object',
  required: ['evento_id', 'entradas'],
  properties: {
    evento_id: { type: 'string' },
    entradas: { type: 'integer', minimum: 0, description: 'Tickets bought for the event, over every purchase' },
  },
} as const;

export const erasedSchema = {
  type: 'object',
  required: ['usuario_id', 'borrado_en'],
  properties: { usuario_id: { type: 'string' }, borrado_en: { type: 'string', format: 'date-time' } },
} as const;

export const rotationSchema = {
  type: 'object',
  required: ['checked', 'rewrapped', 'master_key'],
  properties: {
    checked: { type: 'integer', description: 'data keys looked at' },
    rewrapped: { type: 'integer', description: 'rewrapped under the current master key' },
    master_key: { type: 'string', description: 'the current master key id' },
  },
} as const;

export const userParams = {
  type: 'object',
  required: ['usuario_id'],
  properties: { usuario_id: { type: 'string', format: 'uuid' } },
} as const;

export const ticketsQuery = {
  type: 'object',
  required: ['evento_id'],
  additionalProperties: false,
  properties: { evento_id: contractId },
} as const;

/** The 201 of a creation: the new resource, and where it lives. */
export function created<S extends object>(schema: S, description: string) {
  return { ...schema, description, headers: { location: { type: 'string', description: 'The new resource' } } };
}
