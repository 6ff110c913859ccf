import proxy from '@fastify/http-proxy';
import type { FastifyInstance } from 'fastify';
import { currentCorrelation } from '@eventflow/correlation';

/** A service behind the gateway: requests under `prefix` go to `url`, path unchanged. */
export interface Upstream {
  readonly name: string;
  readonly prefix: string;
  readonly url: string;
}

/** Routes by path prefix; the correlation id of the request goes along to the service. */
export async function proxyRoutes(app: FastifyInstance, upstreams: readonly Upstream[]): Promise<void> {
  for (const upstream of upstreams) {
    await app.register(proxy, {
      upstream: upstream.url,
      prefix: upstream.prefix,
      rewritePrefix: upstream.prefix,
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-correlation-id': currentCorrelation()?.correlationId ?? String(request.headers['x-correlation-id'] ?? ''),
          'x-forwarded-prefix': upstream.prefix,
        }),
      },
    });
  }
}
