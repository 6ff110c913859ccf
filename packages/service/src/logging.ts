import { hostname } from 'node:os';
import { currentCorrelation } from '@eventflow/correlation';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DestinationStream, Level } from 'pino';

export interface LoggingOptions {
  readonly level?: Level | 'silent';
  /** Where log lines go (default stdout); tests pass a stream that collects them. */
  readonly stream?: DestinationStream;
}

/** The fields every log line carries from the correlation in progress, if any. */
export function correlationFields(): { correlationId?: string; causationId?: string } {
  const correlation = currentCorrelation();
  if (correlation === undefined) return {};
  const { correlationId, causationId } = correlation;
  return causationId === undefined ? { correlationId } : { correlationId, causationId };
}

/** Fastify's pino options: JSON lines named by service, each with the current correlation (a mixin). */
export function loggerOptions(
  service: { readonly name: string; readonly version: string },
  options: LoggingOptions | false,
): NonNullable<FastifyServerOptions['logger']> {
  if (options === false) return false;
  return {
    level: options.level ?? 'info',
    base: { service: service.name, version: service.version, pid: process.pid, hostname: hostname() },
    mixin: correlationFields,
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  };
}

/**
 * Fastify writes "incoming request" before any hook runs, so before the request's correlation is
 * known; `installRequestLogging` writes it instead, from inside. "request completed" comes after the
 * onResponse hooks, which run inside the correlation (see `installCorrelation`): Fastify's is kept.
 */
export class CorrelatedLogController extends LogController {
  override incomingRequest(): void {
    // Written by the onRequest hook of `installRequestLogging`.
  }
}

/** Writes "incoming request" inside the request's correlation; register after `installCorrelation`. */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    request.log.info({ req: request }, 'incoming request');
    done();
  });
}
