import { STATUS_CODES } from 'node:http';
import type { ValidationIssue } from './problem.ts';
import { ServiceError } from './service-error.ts';

/** What an error becomes at the edge, before the request's own details (instance, correlation) are added. */
export interface ProblemParts {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly errors?: readonly ValidationIssue[];
}

interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message?: unknown;
  readonly validation?: unknown;
  readonly validationContext?: unknown;
}

/** Fastify's own request errors, each given a stable code of ours. */
const requestErrors: Readonly<Record<string, { status: number; code: string; title: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'REQUEST.MALFORMED_BODY', title: 'Malformed request body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'REQUEST.EMPTY_BODY', title: 'Empty request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'REQUEST.BAD_CONTENT_LENGTH', title: 'Bad Content-Length' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'REQUEST.PAYLOAD_TOO_LARGE', title: 'Payload too large' },
};

const internalErrorDetail = 'The server could not complete the request.';

/**
 * A dependency that is not there right now (a database or broker refusing, restarting or cut off):
 * the request may succeed later, so it is a 503 with Retry-After, not a 500. PostgreSQL's class 08
 * (connection exception) and 57P01-57P03 (shutting down, cannot connect now), and the socket errors
 * of a refused or dropped connection.
 */
function isUnavailable(error: FastifyLikeError): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
}

/** Maps anything thrown while serving a request to its problem; unknown errors become a bare 500. */
export function classifyError(error: unknown): ProblemParts {
  if (error instanceof ServiceError) {
    const { status, code, title, detail, extra } = error;
    return { status, code, title, detail: detail ?? title, extra };
  }
  const fastify = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  const message = typeof fastify.message === 'string' ? fastify.message : '';
  if (Array.isArray(fastify.validation)) {
    const where = typeof fastify.validationContext === 'string' ? fastify.validationContext : 'body';
    const errors = (fastify.validation as ValidationErrorLike[]).map((issue) => validationIssue(where, issue));
    return {
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      title: 'Request validation failed',
      detail: message,
      errors,
    };
  }
  const known = typeof fastify.code === 'string' ? requestErrors[fastify.code] : undefined;
  if (known !== undefined) return { ...known, detail: message || known.title };
  if (isUnavailable(fastify)) {
    return {
      status: 503,
      code: 'SERVICE.UNAVAILABLE',
      title: 'Service unavailable',
      detail: 'A dependency of this service is unavailable; retry later.',
      extra: { retryAfterSeconds: 1 },
    };
  }
  const status = fastify.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const title = STATUS_CODES[status] ?? 'Bad request';
    return { status, code: 'REQUEST.INVALID', title, detail: message || title };
  }
  return { status: 500, code: 'INTERNAL', title: 'Internal Server Error', detail: internalErrorDetail };
}

interface ValidationErrorLike {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

function validationIssue(where: string, issue: ValidationErrorLike): ValidationIssue {
  const missing = issue.params?.['missingProperty'];
  const path = issue.instancePath ?? '';
  return {
    in: where,
    pointer: typeof missing === 'string' ? `${path}/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}` : path,
    message: issue.message ?? 'is invalid',
    keyword: issue.keyword ?? 'unknown',
  };
}
