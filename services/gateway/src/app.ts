import type { FastifyInstance } from 'fastify';
import { buildService, type ServiceApp, type ServiceOptions } from '@eventflow/service';
import { consoleRoutes } from './console.ts';
import { platformHealth, platformHealthSchema, type HealthSource, type PlatformHealth } from './health.ts';
import { proxyRoutes, type Upstream } from './proxy.ts';

export interface GatewayOptions {
  readonly mode: PlatformHealth['mode'];
  /** The services behind the gateway, routed by path prefix. */
  readonly upstreams: readonly Upstream[];
  /** What `/health` reports on: the gateway itself and each service. */
  readonly health: readonly HealthSource[];
  readonly service?: ServiceOptions;
  /** The built web console (`ensureConsoleBuilt()` of @eventflow/console), served at /console. */
  readonly consoleDir?: string;
}

/**
 * The gateway: one front door on :8080. `GET /health` names every service and the state of its
 * dependencies; `GET /health/ready` is 503 until all of them are up; `/api/...` goes to the service
 * that owns the prefix, with the correlation id; the web console, when given, is served at /console.
 */
export function buildGateway(options: GatewayOptions): ServiceApp {
  const report = () => platformHealth(options.mode, options.health);
  const consoleDir = options.consoleDir;
  return buildService(
    {
      name: 'gateway',
      description: 'The front door: routes by path prefix, forwards correlation ids, aggregates health',
      routes: [
        (app) => proxyRoutes(app, options.upstreams),
        ...(consoleDir === undefined ? [] : [(app: FastifyInstance) => consoleRoutes(app, consoleDir)]),
      ],
      liveness: { schema: platformHealthSchema, report },
      readiness: options.health.map((source) => ({
        name: source.name,
        async check() {
          const health = await source.report();
          const down = health.dependencies.filter((d) => d.status === 'down');
          if (health.status !== 'up') {
            throw new Error(down.map((d) => `${d.name}: ${d.detail}`).join('; ') || health.status);
          }
          return `${health.dependencies.length} dependencies up`;
        },
      })),
    },
    options.service,
  );
}
