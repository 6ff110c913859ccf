import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestCorrelation } from '../correlation/request-scope.ts';
import type { ProblemParts } from './classify.ts';
import { problemContentType, problemType, type Problem } from './problem.ts';

/** Sends `parts` as an RFC 9457 problem+json response for `request`. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, parts: ProblemParts): FastifyReply {
  const problem: Problem = {
    ...parts.extra,
    type: problemType(parts.code),
    title: parts.title,
    status: parts.status,
    detail: parts.detail,
    instance: request.url.split('?')[0] ?? request.url,
    code: parts.code,
    correlationId: requestCorrelation(request)?.correlationId ?? '',
    ...(parts.errors === undefined ? {} : { errors: parts.errors }),
  };
  const retryAfter = parts.extra?.['retryAfterSeconds'];
  if (typeof retryAfter === 'number' && (parts.status === 503 || parts.status === 429)) {
    void reply.header('retry-after', String(retryAfter));
  }
  // Serialized here: a route's response schemas describe its successes, not this shape.
  return reply.code(parts.status).type(problemContentType).send(JSON.stringify(problem));
}
