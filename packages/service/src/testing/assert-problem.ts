import assert from 'node:assert/strict';
import { correlationHeader } from '@eventflow/correlation';
import type { Problem } from '../errors/problem.ts';

/** What a response must at least be, to be checked as a problem. */
export interface ResponseLike {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  /** The raw body (light-my-request's `body`, or `text` from `injectJson`). */
  readonly body: unknown;
  readonly text?: string;
}

export interface ExpectedProblem {
  readonly status: number;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string | RegExp;
}

/**
 * Asserts an RFC 9457 problem+json response: its status, media type, stable code, every standard
 * member, the correlation id echoed in the header, and no stack trace. Returns the problem.
 */
export function assertProblem(response: ResponseLike, expected: ExpectedProblem): Problem {
  const text = typeof response.text === 'string' ? response.text : String(response.body);
  assert.equal(response.statusCode, expected.status, `status ${response.statusCode}: ${text}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = JSON.parse(text) as Problem;
  assert.equal(problem.status, expected.status);
  assert.equal(problem.code, expected.code);
  for (const member of ['type', 'title', 'detail', 'instance', 'correlationId'] as const) {
    assert.equal(typeof problem[member], 'string', `problem.${member} must be a string`);
  }
  assert.equal(problem.correlationId, response.headers[correlationHeader], 'correlationId echoes the header');
  if (expected.title !== undefined) assert.equal(problem.title, expected.title);
  if (typeof expected.detail === 'string') assert.equal(problem.detail, expected.detail);
  if (expected.detail instanceof RegExp) assert.match(problem.detail, expected.detail);
  assert.ok(!('stack' in problem) && !/\n\s+at /.test(text), 'a problem never carries a stack trace');
  return problem;
}
