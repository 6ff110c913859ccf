import { datePattern, fileNamePattern, safeIdPattern } from '../store/names.ts';
import { storedFileSchema } from '../store/stored-file.ts';

const problem = { $ref: 'problem#' } as const;

const correlationId = {
  type: 'string',
  pattern: safeIdPattern,
  description: 'The document’s correlation id: 1-100 of A-Z a-z 0-9 . _ - (not "." or "..")',
} as const;

/**
 * The multipart form of an upload; `file` is the file part (the kit's ajv sees its original name).
 * Every field is text: one sent as JSON (a number, a boolean) is refused before this schema could
 * coerce it (400 STORAGE.FIELD_NOT_TEXT).
 */
export const uploadBodySchema = {
  type: 'object',
  required: ['file', 'correlationId', 'clientId', 'generatedAt', 'fileName'],
  additionalProperties: false,
  properties: {
    file: { type: 'string', format: 'binary', description: 'The PDF (starts with %PDF-)' },
    correlationId,
    clientId: { ...correlationId, description: 'The client the document was generated for' },
    generatedAt: {
      type: 'string',
      format: 'date-time',
      description:
        'ISO-8601 with a zone, from 2000-01-01T00:00:00Z to one day after the server’s clock (else 400 STORAGE.GENERATED_AT_OUT_OF_RANGE); its UTC date is the folder',
    },
    fileName: { type: 'string', pattern: fileNamePattern, maxLength: 255, description: 'A plain name ending .pdf' },
  },
} as const;

const storedFileResponse = {
  type: 'object',
  required: [...storedFileSchema.required, 'duplicate'],
  properties: { ...storedFileSchema.properties, duplicate: { type: 'boolean' } },
} as const;

export const uploadSchema = {
  tags: ['storage'],
  summary: 'Store a generated PDF (idempotent per correlation id)',
  consumes: ['multipart/form-data'],
  body: uploadBodySchema,
  response: {
    200: { ...storedFileResponse, description: 'The same bytes were already stored: their metadata' },
    201: { ...storedFileResponse, description: 'Stored: the metadata' },
    400: problem,
    409: problem,
    413: problem,
    415: problem,
  },
} as const;

export const correlationParams = {
  type: 'object',
  required: ['correlationId'],
  properties: { correlationId },
} as const;

export const downloadSchema = {
  tags: ['storage'],
  summary: 'Download a stored PDF (Range and If-None-Match honoured)',
  params: correlationParams,
  produces: ['application/pdf'],
  response: {
    200: { description: 'The PDF', type: 'string', format: 'binary' },
    206: { description: 'The requested byte range', type: 'string', format: 'binary' },
    304: { description: 'Not modified', type: 'null' },
    400: problem,
    404: problem,
    416: problem,
    500: problem,
  },
} as const;

export const metadataSchema = {
  tags: ['storage'],
  summary: 'The metadata of a stored PDF',
  params: correlationParams,
  response: { 200: { $ref: 'storedFile#' }, 400: problem, 404: problem },
} as const;

export const listingSchema = {
  tags: ['storage'],
  summary: 'The files of a date (with ?date=YYYY-MM-DD), or every date with its count',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { date: { type: 'string', pattern: datePattern } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        date: { type: 'string' },
        files: { type: 'array', items: { $ref: 'storedFile#' } },
        dates: {
          type: 'array',
          items: {
            type: 'object',
            required: ['date', 'count'],
            properties: { date: { type: 'string' }, count: { type: 'integer' } },
          },
        },
      },
    },
    400: problem,
  },
} as const;
