import { jobStates } from '../jobs/job-view.ts';
import { safeIdPattern } from '../queue/report-job.ts';
import { retryPolicySchema } from '../queue/retry-policy.ts';

const problem = { $ref: 'problem#' } as const;
const scalar = { type: ['string', 'number', 'boolean', 'null'] } as const;

/** The report a job produces: the PDF server's input, less what the job decides. */
const reportProperties = {
  clientId: { type: 'string', pattern: safeIdPattern, description: 'The client: 1-100 of A-Z a-z 0-9 . _ -' },
  title: { type: 'string', minLength: 1, maxLength: 200 },
  rows: {
    type: 'array',
    maxItems: 1000,
    description: 'The report’s table: rows of named cells, or of cells in column order',
    items: {
      anyOf: [
        { type: 'object', maxProperties: 50, additionalProperties: scalar },
        { type: 'array', maxItems: 50, items: scalar },
      ],
    },
  },
  fileName: {
    type: 'string',
    pattern: '^[^/\\\\\\u0000-\\u001f]{1,251}\\.pdf$',
    description: 'A plain name ending .pdf',
  },
  retry: retryPolicySchema,
} as const;

export const enqueueBodySchema = {
  type: 'object',
  required: ['clientId'],
  additionalProperties: false,
  properties: {
    ...reportProperties,
    delaySeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 31_536_000,
      description: 'Delayed job: run in this many seconds',
    },
    runAt: { type: 'string', format: 'date-time', description: 'Delayed job: run at this time (at most a year ahead)' },
    continueAfter: { type: 'string', format: 'uuid', description: 'Continuation: run once this job has succeeded' },
  },
} as const;

/** The headers of an enqueue: an optional Idempotency-Key (a retry with it answers the first job). */
export const enqueueHeadersSchema = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'A key of the client’s (1-200 visible ASCII characters): a retry with it answers the first job',
    },
  },
} as const;

const retryView = {
  type: 'object',
  properties: {
    retryLimit: { type: 'integer' },
    retryDelay: { type: 'integer' },
    backoff: { type: 'boolean' },
    retryDelayMax: { type: 'integer' },
  },
} as const;

const argumentsView = {
  type: 'object',
  properties: {
    clientId: { type: 'string' },
    title: { type: 'string' },
    rows: reportProperties.rows,
    fileName: { type: 'string' },
  },
} as const;

export const jobViewSchema = {
  $id: 'job',
  type: 'object',
  required: ['id', 'state', 'correlationId', 'arguments', 'generatedAt', 'attempts', 'retry', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    state: { type: 'string', enum: [...jobStates] },
    correlationId: { type: 'string' },
    arguments: argumentsView,
    generatedAt: { type: 'string', format: 'date-time' },
    recurringId: { type: 'string' },
    continueAfter: { type: 'string' },
    attempts: { type: 'integer', description: 'Attempts started so far' },
    retry: retryView,
    createdAt: { type: 'string', format: 'date-time' },
    runAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    error: {
      type: 'object',
      properties: { message: { type: 'string' }, code: { type: 'string' }, status: { type: 'integer' } },
    },
    result: {
      type: 'object',
      description: 'The stored PDF’s metadata',
      properties: {
        correlationId: { type: 'string' },
        clientId: { type: 'string' },
        fileName: { type: 'string' },
        size: { type: 'integer' },
        sha256: { type: 'string' },
        storedAt: { type: 'string' },
        path: { type: 'string' },
        duplicate: { type: 'boolean' },
      },
    },
  },
} as const;

export const jobIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const recurringBodySchema = {
  type: 'object',
  required: ['id', 'cron', 'clientId'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: safeIdPattern, description: 'Names the recurring job: 1-100 of A-Z a-z 0-9 . _ -' },
    cron: { type: 'string', minLength: 9, maxLength: 100, description: 'Cron: 5 fields, or 6 with seconds first' },
    timezone: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'IANA zone the cron is read in (default UTC)',
    },
    ...reportProperties,
  },
} as const;

export const recurringViewSchema = {
  $id: 'recurring',
  type: 'object',
  required: ['id', 'cron', 'timezone', 'arguments', 'paused', 'nextRuns', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    cron: { type: 'string' },
    timezone: { type: 'string' },
    arguments: argumentsView,
    retry: retryView,
    paused: { type: 'boolean' },
    nextRuns: { type: 'array', items: { type: 'string', format: 'date-time' } },
    lastJobId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const recurringIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: safeIdPattern } },
} as const;

export { problem };
