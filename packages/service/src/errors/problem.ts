/** RFC 9457 media type of every error response the kit sends. */
export const problemContentType = 'application/problem+json';

/** One reason a request failed validation: where (`in` and a JSON pointer) and why. */
export interface ValidationIssue {
  readonly in: string;
  readonly pointer: string;
  readonly message: string;
  readonly keyword: string;
}

/** An RFC 9457 problem, with the platform's `code` and `correlationId` extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly correlationId: string;
  readonly errors?: readonly ValidationIssue[];
  readonly [extension: string]: unknown;
}

/** The problem `type` URI of a code: stable, and the same for every occurrence. */
export function problemType(code: string): string {
  return `urn:eventflow:problem:${code}`;
}

/** JSON Schema of a problem, shared as `problem#` so routes can declare their error responses. */
export const problemSchema = {
  $id: 'problem',
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'correlationId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          in: { type: 'string' },
          pointer: { type: 'string' },
          message: { type: 'string' },
          keyword: { type: 'string' },
        },
      },
    },
  },
  additionalProperties: true,
} as const;
