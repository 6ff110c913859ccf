/**
 * The storage server's rules for ids and file names (its upload validates the same): an id names a
 * file on disk, so it is 1-100 portable characters and never "." or ".."; a file name is a plain
 * `*.pdf` name.
 */
export const safeIdPattern = '^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}$';
export const fileNamePattern = '^[^/\\\\\\u0000-\\u001f\\u007f]{1,251}\\.[Pp][Dd][Ff]$';

const problem = { $ref: 'problem#' } as const;
const safeId = { type: 'string', pattern: safeIdPattern } as const;

/** At most this many rows per report (about 28 pages). */
export const maxRows = 1000;

export const reportBodySchema = {
  type: 'object',
  required: ['clientId'],
  additionalProperties: false,
  properties: {
    clientId: { ...safeId, description: 'The client the report is for (1-100 of A-Z a-z 0-9 . _ -)' },
    correlationId: {
      ...safeId,
      description: 'Names the stored file; default the request’s X-Correlation-Id. Same id and inputs, same bytes',
    },
    title: { type: 'string', minLength: 1, maxLength: 200, description: 'Default "Client report"' },
    rows: {
      type: 'array',
      maxItems: maxRows,
      description: 'The table; default twelve months of sample figures derived from the client id',
      items: {
        type: 'object',
        required: ['label', 'value'],
        additionalProperties: false,
        properties: {
          label: { type: 'string', minLength: 1, maxLength: 200 },
          value: { type: 'number', minimum: -1e9, maximum: 1e9 },
        },
      },
    },
    fileName: {
      type: 'string',
      pattern: fileNamePattern,
      maxLength: 255,
      description: 'A plain name ending .pdf; default report-<clientId>-<YYYY-MM-DD>.pdf',
    },
    generatedAt: {
      type: 'string',
      format: 'date-time',
      description: 'ISO-8601 with a zone; default now. A retried job passes the same one to get the same bytes',
    },
  },
} as const;

const reportResult = {
  type: 'object',
  required: [
    'correlationId',
    'clientId',
    'fileName',
    'generatedAt',
    'size',
    'sha256',
    'storedAt',
    'path',
    'duplicate',
    'pages',
  ],
  properties: {
    correlationId: { type: 'string' },
    clientId: { type: 'string' },
    fileName: { type: 'string' },
    generatedAt: { type: 'string', format: 'date-time' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    storedAt: { type: 'string', format: 'date-time' },
    path: { type: 'string', description: 'Where storage keeps it, relative to its root: YYYY-MM-DD/<id>.pdf' },
    duplicate: { type: 'boolean', description: 'The same bytes were already stored (a retried job)' },
    pages: { type: 'integer' },
  },
} as const;

export const reportSchema = {
  tags: ['pdf'],
  summary: 'Render a client report as PDF and store it on the storage server',
  body: reportBodySchema,
  response: {
    200: { ...reportResult, description: 'Already stored with the same bytes (idempotent retry): its metadata' },
    201: { ...reportResult, description: 'Rendered and stored: the stored metadata' },
    400: problem,
    409: problem,
    502: problem,
    503: problem,
  },
} as const;
