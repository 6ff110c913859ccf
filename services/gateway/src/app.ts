import type { FastifyInstance } from 'fastify';
import {
  buildService,
  type ReadinessCheck,
  type ServiceApp,
  type ServiceDefinition,
  type ServiceOptions,
} from '@eventflow/service';
import { consoleRoutes } from './console.ts';
import { platformDocs } from './docs.ts';
import {
  platformHealth,
  platformHealthSchema,
  sharedHealth,
  type HealthSource,
  type PlatformHealth,
} from './health.ts';
import { proxyRoutes, type ProxyTimeouts, type Upstream } from './proxy.ts';

export interface GatewayOptions {
  readonly mode: PlatformHealth['mode'];
  /** The services behind the gateway, routed by prefix or exact path. */
  readonly upstreams: readonly Upstream[];
  /** What `/health` reports on: the gateway itself and each service. */
  readonly health: readonly HealthSource[];
  /** The built web console (`ensureConsoleBuilt()` of @eventflow/console), served at /console. */
  readonly consoleDir?: string;
  /** How long one platform health is reused by every caller (default 1000 ms). */
  readonly healthMaxAgeMs?: number;
  /** How long the gateway waits on a service. */
  readonly timeouts?: ProxyTimeouts;
}

/**
 * The gateway: one front door on :8080. `GET /health` names every service and the state of its
 * dependencies; `GET /health/ready` is 503 until all of them are up; each service's routes go to it
 * with the correlation id; `/docs` is one OpenAPI document of every service; the web console, when
 * given, is served at /console.
 */
export function gatewayDefinition(options: GatewayOptions): ServiceDefinition {
  const report = sharedHealth(() => platformHealth(options.mode, options.health), options.healthMaxAgeMs);
  const consoleDir = options.consoleDir;
  return {
    name: 'gateway',
    description: 'The front door: routes by prefix or path, forwards correlation ids, aggregates health and docs',
    routes: [
      (app) => proxyRoutes(app, options.upstreams, options.timeouts),
      ...(consoleDir === undefined ? [] : [(app: FastifyInstance) => consoleRoutes(app, consoleDir)]),
    ],
    liveness: { schema: platformHealthSchema, report },
    readiness: options.health.map((source) => readinessOf(source.name, report)),
    openapi: platformDocs({ upstreams: () => options.upstreams }),
  };
}

/** The gateway's app on its own (tests; the host builds it from the descriptor). */
export function buildGateway(options: GatewayOptions & { readonly service?: ServiceOptions }): ServiceApp {
  return buildService(gatewayDefinition(options), options.service);
}

/** A health source as a readiness check, read from the shared platform health: down unless it and its dependencies are up. */
function readinessOf(name: string, report: () => Promise<PlatformHealth>): ReadinessCheck {
  return {
    name,
    async check() {
      const health = (await report()).services.find((service) => service.name === name);
      if (health === undefined) throw new Error('not reported');
      const down = health.dependencies.filter((d) => d.status === 'down');
      if (health.status !== 'up') {
        throw new Error(down.map((d) => `${d.name}: ${d.detail}`).join('; ') || health.status);
      }
      return `${health.dependencies.length} dependencies up`;
    },
  };
}
