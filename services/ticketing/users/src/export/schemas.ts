import type { ExportSummary } from './export-stream.ts';

export const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
    k: {
      type: 'integer',
      minimum: 2,
      maximum: 1000,
      description: 'Each row shared by at least k users; not below USERS_EXPORT_K (its default)',
    },
  },
} as const;

const generalised = (description: string) => ({ type: ['string', 'null'], description }) as const;

const rowSchema = {
  type: 'object',
  required: ['clase', 'nivel', 'tipo_documento', 'alta', 'evento_id', 'fecha', 'cantidad', 'importe'],
  properties: {
    clase: { type: 'string', description: "The row's equivalence class, an id of this export only" },
    nivel: {
      type: 'integer',
      minimum: 0,
      maximum: 5,
      description: '0 exact … 4 event and year, 5 rare events pooled (README: the levels)',
    },
    tipo_documento: { type: 'string', description: 'The document type, or *' },
    alta: { type: 'string', description: 'Sign-up month (2025-11), year, or *' },
    evento_id: generalised('The event, * when pooled; null: a user without purchases'),
    fecha: generalised('Purchase day (2025-11-03), ISO week (2025-W45), month or year'),
    cantidad: generalised('Tickets: exact, a band (3-4, 10+) or *'),
    importe: generalised('Amount: exact (90.50), a band [from, to) (50-100, 1000+) or *'),
  },
} as const;

const summarySchema = {
  type: 'object',
  required: ['k', 'usuarios', 'filas', 'filas_suprimidas', 'clases', 'clases_suprimidas'],
  properties: {
    k: { type: 'integer' },
    usuarios: { type: 'integer', description: 'Users read' },
    filas: { type: 'integer', description: 'Rows written' },
    filas_suprimidas: { type: 'integer', description: 'Rows left out: their class had fewer than k users' },
    clases: { type: 'integer' },
    clases_suprimidas: { type: 'integer' },
  },
} as const;

export const exportResponse = {
  description:
    'Streamed. Headers: X-Export-Total (users about to be read), X-Export-K. JSON ends with `resumen`; CSV (columns clase,nivel,tipo_documento,alta,evento_id,fecha,cantidad,importe) ends with the HTTP trailers X-Export-Rows, X-Export-Suppressed, X-Export-Users. A body without its summary is incomplete',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['k', 'filas', 'resumen'],
        properties: { k: { type: 'integer' }, filas: { type: 'array', items: rowSchema }, resumen: summarySchema },
      },
    },
    'text/csv': { schema: { type: 'string' } },
  },
} as const;

/** The CSV's HTTP trailers, and the summary field each carries. */
export const trailers: ReadonlyArray<readonly [string, keyof ExportSummary]> = [
  ['x-export-rows', 'filas'],
  ['x-export-suppressed', 'filas_suprimidas'],
  ['x-export-users', 'usuarios'],
];
