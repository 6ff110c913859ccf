import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentCorrelation } from '@eventflow/correlation';
import type { GatewayRoute } from '@eventflow/host';
import { correlationHeader } from '@eventflow/service';

/** A service behind the gateway: requests on its routes go to `url`, path unchanged. */
export interface Upstream {
  readonly name: string;
  readonly routes: readonly GatewayRoute[];
  readonly url: string;
}

/** The operational endpoints of every service, which the gateway serves at `/services/<name>/…`. */
export const operationalPaths = ['/health', '/health/ready', '/metrics'] as const;

/** Where the gateway serves a service's operational endpoint: `/services/storage/health`. */
export function operationalPath(service: string, path: string): string {
  return `/services/${service}${path}`;
}

/**
 * Routes by prefix (`/api/storage` and everything under it) or exact path (`/login`) to each service,
 * bodies passed through as they come, the request's correlation id going along; and each service's
 * /health, /health/ready and /metrics under `/services/<name>`.
 */
export async function proxyRoutes(app: FastifyInstance, upstreams: readonly Upstream[]): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(replyFrom, { undici: { connections: 128, pipelining: 1 } });
    // Bodies go to the service unparsed: it validates them, and uploads stream through.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const hidden = { schema: { hide: true } };
    for (const upstream of upstreams) {
      const forward = (target: (request: FastifyRequest) => string) => (request: FastifyRequest, reply: FastifyReply) =>
        reply.from(`${upstream.url}${target(request)}`, {
          rewriteRequestHeaders: (_original, headers) => ({
            ...headers,
            [correlationHeader]: currentCorrelation()?.correlationId ?? String(headers[correlationHeader] ?? ''),
          }),
        });
      const samePath = forward((request) => request.url);
      for (const route of upstream.routes) {
        if ('path' in route) {
          scope.all(route.path, hidden, samePath);
        } else {
          scope.all(route.prefix, hidden, samePath);
          scope.all(`${route.prefix}/*`, hidden, samePath);
        }
      }
      for (const path of operationalPaths) {
        scope.get(
          operationalPath(upstream.name, path),
          hidden,
          forward(() => path),
        );
      }
    }
  });
}
