import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './service-metrics.ts';

/** Label of requests that matched no route: the raw URL would let clients mint label values. */
export const unmatchedRoute = 'unmatched';

/**
 * Counts and times every response by method, route pattern (`/orders/:id`, never the raw URL) and
 * status, and serves the registry at `GET /metrics` in Prometheus' text format.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: ServiceMetrics): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = metrics.counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames });
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response',
    labelNames,
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? unmatchedRoute;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  // In a plugin, so that the docs plugin (registered after this) sees it.
  void app.register((scope, _options, registered) => {
    scope.get(
      '/metrics',
      {
        logLevel: 'warn', // scraped every few seconds
        schema: {
          tags: ['health'],
          summary: 'Prometheus metrics',
          response: { 200: { content: { [metrics.registry.contentType]: { schema: { type: 'string' } } } } },
        },
      },
      async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    registered();
  });
}
