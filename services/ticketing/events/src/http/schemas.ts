import { problemSchema } from '@eventflow/service';

export const problem = { $ref: `${problemSchema.$id}#` } as const;

/** Some non-blank character, and no control characters (a NUL cannot even be stored). */
export const printableText = '^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$';

const text = (max: number, description: string) =>
  ({ type: 'string', minLength: 1, maxLength: max, pattern: printableText, description }) as const;

export const newEventBody = {
  type: 'object',
  required: ['nombre', 'fecha', 'lugar', 'aforo_total', 'precio'],
  additionalProperties: false,
  properties: {
    nombre: text(200, '1-200 characters, trimmed'),
    fecha: {
      type: 'string',
      format: 'date-time',
      description: 'When it begins: in the future, at most ten years ahead',
    },
    lugar: text(200, '1-200 characters, trimmed'),
    aforo_total: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    precio: { type: 'number', minimum: 0, maximum: 1_000_000, description: 'At most two decimals' },
    descripcion: {
      type: 'string',
      maxLength: 2000,
      pattern: '^[^\\u0000]*$',
      description: 'Free text (lines allowed)',
    },
    categoria: text(100, 'A label of 1-100 characters'),
    max_entradas_por_usuario: { type: 'integer', minimum: 1, maximum: 100, default: 6 },
  },
} as const;

export const eventSchema = {
  type: 'object',
  required: [
    'evento_id',
    'nombre',
    'fecha',
    'lugar',
    'aforo_total',
    'precio',
    'max_entradas_por_usuario',
    'estado',
    'entradas_disponibles',
    'entradas_retenidas',
    'entradas_vendidas',
    'creado_en',
  ],
  properties: {
    evento_id: { type: 'string', format: 'uuid' },
    nombre: { type: 'string' },
    fecha: { type: 'string', format: 'date-time' },
    lugar: { type: 'string' },
    aforo_total: { type: 'integer' },
    precio: { type: 'number' },
    descripcion: { type: 'string' },
    categoria: { type: 'string' },
    max_entradas_por_usuario: { type: 'integer' },
    estado: {
      type: 'string',
      enum: ['en_venta', 'agotado', 'finalizado'],
      description: 'finalizado once it has begun; agotado while no seat is available',
    },
    entradas_disponibles: { type: 'integer', description: 'Seats on sale (eventually consistent with inventory)' },
    entradas_retenidas: { type: 'integer', description: 'Seats held by reservations in progress' },
    entradas_vendidas: { type: 'integer' },
    creado_en: { type: 'string', format: 'date-time' },
  },
} as const;

export const eventListSchema = {
  type: 'object',
  required: ['eventos', 'limit', 'offset'],
  properties: {
    eventos: { type: 'array', items: eventSchema },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
} as const;

export const eventParams = {
  type: 'object',
  required: ['evento_id'],
  properties: { evento_id: { type: 'string', format: 'uuid' } },
} as const;

export const eventQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    desde: { type: 'string', format: 'date-time', description: 'Events from this instant' },
    hasta: { type: 'string', format: 'date-time', description: 'Events until this instant' },
    lugar: text(200, 'The exact place (trimmed)'),
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
  },
} as const;

/** The 201 of a creation: the new resource, and where it lives. */
export function created<S extends object>(schema: S, description: string) {
  return { ...schema, description, headers: { location: { type: 'string', description: 'The new resource' } } };
}
