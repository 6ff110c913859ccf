import type { FastifyRequest } from 'fastify';
import type { Warn } from '../users/dependencies.ts';

/** Where a use case called for this request reports what did not fail it: the request's log. */
export const warnOf =
  (request: FastifyRequest): Warn =>
  (fields, message) =>
    request.log.warn(fields, message);
