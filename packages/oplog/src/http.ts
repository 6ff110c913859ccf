import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationLog } from './shipper.ts';

export interface HttpOperationLoggingOptions {
  /** Which requests are operations worth a record (default: paths under /api/). */
  readonly include?: (request: FastifyRequest) => boolean;
}

/**
 * Records one operation per HTTP request the service answers: the route as endpoint, the body (or
 * params and query) as payload, success when the status is below 400. Registered on the app (or a
 * plugin scope) of the service; the record is taken after the response is sent, off the hot path.
 */
export function logHttpOperations(
  app: FastifyInstance,
  log: OperationLog,
  options: HttpOperationLoggingOptions = {},
): void {
  const include = options.include ?? ((request) => request.url.startsWith('/api/'));
  app.addHook('onResponse', (request, reply, done) => {
    if (include(request)) {
      const body = request.body;
      const correlationId = reply.getHeader('x-correlation-id');
      log.record({
        ...(typeof correlationId === 'string' ? { correlationId } : {}),
        endpoint: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        payload: isPlainBody(body) ? body : { params: request.params, query: request.query },
        success: reply.statusCode < 400,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      });
    }
    done();
  });
}

/** A parsed JSON body; not a Buffer or a stream (a proxy passes bodies through unparsed). */
function isPlainBody(body: unknown): body is object {
  if (body === undefined || body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}
