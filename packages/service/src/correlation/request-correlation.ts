import { randomUUID } from 'node:crypto';
import { correlationHeader, isValidCorrelationId } from '@eventflow/correlation';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError } from '../errors/service-error.ts';
import { enterRequestScope, inRequestScope } from './request-scope.ts';

/**
 * Reads the correlation id from `X-Correlation-Id` (or starts a new one), echoes it on the response
 * and runs `next` inside `withCorrelation({ correlationId, causationId: request.id })`. A malformed
 * id is refused (400) under a fresh id, so that the refusal can still be traced.
 */
export function openRequestCorrelation(
  request: FastifyRequest,
  reply: FastifyReply,
  next: (refusal?: ServiceError) => void,
  newId: () => string = randomUUID,
): void {
  const given = request.headers[correlationHeader];
  const valid = typeof given === 'string' && isValidCorrelationId(given);
  const correlationId = valid ? given : newId();
  reply.header(correlationHeader, correlationId);
  enterRequestScope(request, { correlationId, causationId: request.id }, () => {
    next(given === undefined || valid ? undefined : invalidCorrelationId());
  });
}

/** Runs every request, from its first hook to its last, inside its correlation. */
export function installCorrelation(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => openRequestCorrelation(request, reply, done));
  // Body parsing ran on the socket's events: come back into the request's scope before the handler.
  app.addHook('preValidation', (request, _reply, done) => inRequestScope(request, done));
  // `finish` comes from the socket too: the onResponse hooks after this one (metrics, logs) run inside.
  app.addHook('onResponse', (request, _reply, done) => inRequestScope(request, done));
}

function invalidCorrelationId(): ServiceError {
  return new ServiceError(
    'REQUEST.INVALID_CORRELATION_ID',
    400,
    'Invalid correlation id',
    `${correlationHeader} must be 1-128 characters of A-Z a-z 0-9 . _ : -`,
  );
}
