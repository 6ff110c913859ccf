import { hostname } from 'node:os';
import { currentCorrelation } from '@eventflow/correlation';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import type { LogFormat } from './logging/log-format.ts';
import { prettyStream } from './logging/pretty.ts';

export interface LoggingOptions {
  readonly level?: Level | 'silent';
  /** Where log lines go (default stdout); tests pass a stream that collects them. */
  readonly stream?: DestinationStream;
  /**
   * `json`: pino's JSON lines; `pretty`: one readable line per record (time, level, service,
   * message, short fields, correlation id), coloured on a terminal. The host picks it with
   * `logFormatFor`. @default 'json'
   */
  readonly format?: LogFormat;
}

/** The fields every log line carries from the correlation in progress, if any. */
export function correlationFields(): { correlationId?: string; causationId?: string } {
  const correlation = currentCorrelation();
  if (correlation === undefined) return {};
  const { correlationId, causationId } = correlation;
  return causationId === undefined ? { correlationId } : { correlationId, causationId };
}

/**
 * Fastify's pino options: records named by service, each with the current correlation (a mixin),
 * written as JSON lines or, with `format: 'pretty'`, as readable lines through `prettyStream`.
 */
export function loggerOptions(
  service: { readonly name: string; readonly version: string },
  options: LoggingOptions | false,
): NonNullable<FastifyServerOptions['logger']> {
  if (options === false) return false;
  const stream = options.format === 'pretty' ? prettyStream(options.stream) : options.stream;
  return {
    level: options.level ?? 'info',
    base: { service: service.name, version: service.version, pid: process.pid, hostname: hostname() },
    mixin: correlationFields,
    ...(stream === undefined ? {} : { stream }),
  };
}

/** A logger like the services' (same options, fields and format), for code that is not a service: the host, tools. */
export function createLogger(options: LoggingOptions | false, name = 'platform'): Logger {
  if (options === false) return pino({ enabled: false });
  const { stream, ...settings } = loggerOptions({ name, version: '0.0.0' }, options) as {
    stream?: DestinationStream;
  } & Record<string, unknown>;
  return stream === undefined ? pino(settings) : pino(settings, stream);
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
