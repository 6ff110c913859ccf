import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { installCorrelation } from './correlation/request-correlation.ts';
import type { ServiceDefinition } from './definition.ts';
import { frameworkErrorProblem, installProblems } from './errors/install-problems.ts';
import { healthRoutes } from './health/health-routes.ts';
import { installWorkers } from './lifecycle/workers.ts';
import { CorrelatedLogController, installRequestLogging, loggerOptions, type LoggingOptions } from './logging.ts';
import { drainUnreadBody } from './http/unread-body.ts';
import { installHttpMetrics } from './metrics/http-metrics.ts';
import { createServiceMetrics, type ServiceMetrics } from './metrics/service-metrics.ts';
import { installOpenApi } from './docs/openapi.ts';
import { strictBodyValidation } from './validation.ts';

export interface ServiceOptions {
  /** pino settings (default: info to stdout); `false` for none. */
  readonly logger?: LoggingOptions | false;
  /** How long one readiness check may take before it counts as down (default 2000 ms). */
  readonly readinessTimeoutMs?: number;
  /** Largest request body accepted, in bytes (default Fastify's 1 MiB); larger is 413. */
  readonly bodyLimit?: number;
  /** Process metrics (CPU, memory, event loop, GC) in `/metrics` (default true). */
  readonly defaultMetrics?: boolean;
  /**
   * The metrics registry, when made before the app so that adapters built first (a bus with
   * `busObserver(metrics)`) report into the service's /metrics.
   */
  readonly metrics?: ServiceMetrics;
}

/** A service's Fastify app, with the metrics registry other packages register into. */
export type ServiceApp = FastifyInstance & { readonly metrics: ServiceMetrics };

/**
 * Builds the service's app without listening (tests drive it through `inject()`): correlation,
 * request logs, metrics, problem+json errors, OpenAPI docs, health, then the service's own routes
 * and workers. The order matters: hooks and the docs plugin must precede the routes.
 */
export function buildService(definition: ServiceDefinition, options: ServiceOptions = {}): ServiceApp {
  const version = definition.version ?? '0.0.0';
  const metrics =
    options.metrics ??
    createServiceMetrics({ service: definition.name, defaultMetrics: options.defaultMetrics ?? true });
  const fastify = Fastify({
    logger: loggerOptions({ name: definition.name, version }, options.logger ?? {}),
    logController: new CorrelatedLogController(),
    genReqId: () => randomUUID(),
    frameworkErrors: frameworkErrorProblem,
    schemaController: { compilersFactory: { buildValidator: strictBodyValidation() } },
    // Workers start in an onReady hook (a saga worker, an outbox relay, a consumer joining its group):
    // on a loaded machine that can outlast Fastify's 10 s default, which failed a start once.
    pluginTimeout: 60_000,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
  });
  // The services speak JSON (and their own declared types): text/plain is a 415, not a string body
  // that fails validation with a puzzling "body must be object".
  fastify.removeContentTypeParser('text/plain');
  // Plugins see it too: encapsulated instances inherit the root's own properties.
  const app: ServiceApp = Object.assign(fastify, { metrics });

  installCorrelation(app);
  installRequestLogging(app);
  installProblems(app);
  installOpenApi(
    app,
    {
      title: definition.name,
      version,
      ...(definition.description === undefined ? {} : { description: definition.description }),
    },
    definition.openapi,
  );
  installHttpMetrics(app, metrics);
  drainUnreadBody(app);
  // A plugin, like the service's routes, so that the docs plugin (registered before) sees it.
  void app.register(
    healthRoutes({
      service: definition.name,
      version,
      checks: definition.readiness ?? [],
      timeoutMs: options.readinessTimeoutMs ?? 2000,
      liveness: definition.liveness,
    }),
  );
  for (const routes of definition.routes) {
    void app.register(async (instance) => {
      await routes(instance);
    });
  }
  installWorkers(app, definition.workers ?? [], metrics);

  return app;
}
