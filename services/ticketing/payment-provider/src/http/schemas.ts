import { latencyPattern } from '../simulator/latency.ts';

/** A merchant's reference: printable text (no control characters, which PostgreSQL text cannot hold). */
const reference = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' } as const;

/** JSON schemas of the simulator's routes: they validate requests and make its OpenAPI. */
export const problem = { $ref: 'problem#' } as const;

const id = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const amount = { type: 'number', description: 'In currency units, at most two decimals' } as const;

export const idempotencyHeaders = {
  type: 'object',
  required: ['idempotency-key'],
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'The same key answers the same stored answer; never a second charge or refund',
    },
  },
} as const;

export const chargeBody = {
  type: 'object',
  required: ['importe', 'moneda', 'referencia'],
  additionalProperties: false,
  properties: {
    importe: { ...amount, minimum: 0.01, maximum: 1_000_000_000 },
    moneda: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' },
    referencia: { ...reference, description: 'The merchant’s reference' },
    descripcion: { type: 'string', maxLength: 200 },
  },
} as const;

export const cargo = {
  type: 'object',
  required: ['cargo_id', 'estado', 'importe', 'moneda', 'referencia', 'creado_en'],
  properties: {
    cargo_id: { type: 'string' },
    estado: { type: 'string', enum: ['capturado', 'rechazado', 'reembolsado'] },
    importe: amount,
    moneda: { type: 'string' },
    referencia: { type: 'string' },
    creado_en: time,
    descripcion: { type: 'string' },
    motivo: { type: 'string', description: 'Why it was declined' },
    reembolso_id: { type: 'string' },
  },
} as const;

export const reembolso = {
  type: 'object',
  required: ['reembolso_id', 'cargo_id', 'importe', 'creado_en'],
  properties: { reembolso_id: { type: 'string' }, cargo_id: { type: 'string' }, importe: amount, creado_en: time },
} as const;

export const cargoParams = {
  type: 'object',
  required: ['cargo_id'],
  properties: { cargo_id: id },
} as const;

export const referenceQuery = {
  type: 'object',
  required: ['referencia'],
  additionalProperties: false,
  properties: { referencia: reference },
} as const;

export const cargoList = {
  type: 'object',
  required: ['cargos'],
  properties: { cargos: { type: 'array', items: cargo } },
} as const;

export const resumen = {
  type: 'object',
  required: ['cargos_capturados', 'rechazos', 'reembolsos', 'importe_capturado', 'importe_reembolsado'],
  properties: {
    cargos_capturados: { type: 'integer', description: 'Charges captured, refunded later or not' },
    rechazos: { type: 'integer' },
    reembolsos: { type: 'integer' },
    importe_capturado: amount,
    importe_reembolsado: amount,
  },
} as const;

const latency = { type: 'string', pattern: latencyPattern, description: '"min-max" in milliseconds (≤ 60000)' };
const declineRate = { type: 'number', minimum: 0, maximum: 1, description: 'Share of references declined' };

export const settings = {
  type: 'object',
  required: ['latencia_ms', 'tasa_rechazo', 'caida', 'fallar_siguientes', 'rechazar_referencias'],
  properties: {
    latencia_ms: latency,
    tasa_rechazo: declineRate,
    caida: { type: 'boolean', description: 'Every charge and refund answers 503' },
    fallar_siguientes: { type: 'integer', description: 'The next n charges or refunds answer 503' },
    rechazar_referencias: { type: 'array', items: { type: 'string' }, description: 'Always declined' },
  },
} as const;

export const settingsChange = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencia_ms: latency,
    tasa_rechazo: declineRate,
    caida: { type: 'boolean' },
    fallar_siguientes: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    rechazar_referencias: {
      type: 'array',
      maxItems: 10_000,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      description: 'Replaces the list',
    },
  },
} as const;
