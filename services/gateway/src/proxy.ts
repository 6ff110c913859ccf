import { Readable } from 'node:stream';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentCorrelation } from '@eventflow/correlation';
import type { GatewayRoute } from '@eventflow/host';
import { correlationHeader, ServiceError } from '@eventflow/service';

/** A service behind the gateway: requests on its routes go to `url`, path unchanged. */
export interface Upstream {
  readonly name: string;
  readonly routes: readonly GatewayRoute[];
  readonly url: string;
  /** The largest body it takes other than a multipart form (default 1 MiB, Fastify's). */
  readonly bodyLimit?: number;
}

/** Fastify's default body limit, the services' unless their descriptor says otherwise. */
const defaultBodyLimit = 1024 * 1024;

/** The operational endpoints of every service, which the gateway serves at `/services/<name>/…`. */
export const operationalPaths = ['/health', '/health/ready', '/metrics'] as const;

/** Where the gateway serves a service's operational endpoint: `/services/storage/health`. */
export function operationalPath(service: string, path: string): string {
  return `/services/${service}${path}`;
}

/** How long the gateway waits on a service. */
export interface ProxyTimeouts {
  /** To connect. @default 5000 */
  readonly connectMs?: number;
  /** For the response's headers once the request is sent. @default 60000 */
  readonly headersMs?: number;
  /** Between two chunks of the response's body. @default 60000 */
  readonly bodyMs?: number;
}

/**
 * A service that cannot be reached or answer is a prompt problem+json, never a hang nor a bare 500:
 * refused or reset before answering → 503 with Retry-After (it is down or restarting); no answer in
 * time → 504; anything else between the two → 502. The gateway never retries on the caller's behalf
 * (a POST may have been applied; the caller retries with its idempotency key).
 */
export function upstreamFailure(service: string, error: Error): ServiceError {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'ENOTFOUND') {
    return new ServiceError('GATEWAY.SERVICE_UNAVAILABLE', 503, 'Service unavailable', `${service} is not answering`, {
      service,
      retryAfterSeconds: 1,
    });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ServiceError('GATEWAY.SERVICE_TIMEOUT', 504, 'Service timed out', `${service} did not answer in time`, {
      service,
    });
  }
  return new ServiceError('GATEWAY.BAD_UPSTREAM', 502, 'Bad gateway', `${service}: ${error.message}`, { service });
}

/**
 * Routes by prefix (`/api/storage` and everything under it) or exact path (`/login`) to each service,
 * bodies passed through as they come, the request's correlation id going along; and each service's
 * /health, /health/ready and /metrics under `/services/<name>`.
 */
export async function proxyRoutes(
  app: FastifyInstance,
  upstreams: readonly Upstream[],
  timeouts: ProxyTimeouts = {},
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(replyFrom, {
      undici: {
        connections: 128,
        pipelining: 1,
        connectTimeout: timeouts.connectMs ?? 5000,
        headersTimeout: timeouts.headersMs ?? 60_000,
        bodyTimeout: timeouts.bodyMs ?? 60_000,
      },
    });
    // Bodies go to the service unparsed: it validates them. Multipart uploads stream through (the service
    // bounds them); any other body is read first, up to the service's limit, so that one without a
    // Content-Length (chunked) that is too large is a 413 here, before the service sees a byte of it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(/^multipart\//, (_request, payload, done) => done(null, payload));
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, Readable.from([body])));
    const hidden = { schema: { hide: true } };
    for (const upstream of upstreams) {
      const forward = (target: (request: FastifyRequest) => string) => (request: FastifyRequest, reply: FastifyReply) =>
        reply.from(`${upstream.url}${target(request)}`, {
          rewriteRequestHeaders: (_original, headers) => {
            // The gateway has already answered `Expect: 100-continue` (Node does), and undici refuses to send it.
            const rest = { ...headers };
            delete rest.expect;
            return {
              ...rest,
              [correlationHeader]: currentCorrelation()?.correlationId ?? String(headers[correlationHeader] ?? ''),
            };
          },
          // reply-from retries a GET answered 503 up to 10 times, waiting up to 42 s each (its
          // maxRetriesOn503 cannot be 0): a service that says it is unavailable is reported at once.
          retryDelay: () => null,
          onError: (failed, { error }) => {
            void failed.send(upstreamFailure(upstream.name, error));
          },
        });
      // A body the service would refuse anyway is refused here, before it is streamed: a service that
      // answers 413 mid-upload closes the connection, and the gateway would see a broken pipe.
      const limit = upstream.bodyLimit ?? defaultBodyLimit;
      const tooLarge = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
        const length = Number(request.headers['content-length'] ?? 0);
        const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
        done(
          !multipart && length > limit
            ? new ServiceError(
                'REQUEST.PAYLOAD_TOO_LARGE',
                413,
                'Payload too large',
                `${upstream.name} takes bodies of at most ${limit} bytes`,
              )
            : undefined,
        );
      };
      const samePath = forward((request) => request.url);
      const guarded = { ...hidden, bodyLimit: limit, onRequest: tooLarge };
      for (const route of upstream.routes) {
        if ('path' in route) {
          scope.all(route.path, guarded, samePath);
        } else {
          scope.all(route.prefix, guarded, samePath);
          scope.all(`${route.prefix}/*`, guarded, samePath);
        }
      }
      for (const path of operationalPaths) {
        scope.get(
          operationalPath(upstream.name, path),
          { ...hidden, logLevel: 'warn' },
          forward(() => path),
        );
      }
    }
  });
}
