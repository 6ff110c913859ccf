import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './metrics/service-metrics.ts';

/** Something the service needs to do its work, checked for real (a query, a round trip, a write). */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves with a short detail when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<string>;
}

/** What a background worker gets from the kit when it starts. */
export interface WorkerContext {
  readonly metrics: ServiceMetrics;
  readonly log: FastifyBaseLogger;
}

/**
 * Background work that lives as long as the service (a bus consumer, a poller): started once the app
 * is ready, closed on shutdown after the HTTP server has finished its in-flight requests.
 */
export interface Worker {
  readonly name: string;
  /** Begins the work; the app is not ready until every worker has started. Omit when already running. */
  start?(context: WorkerContext): Promise<void>;
  /** Stops taking new work, finishes what is in flight and releases its resources. */
  close(): Promise<void>;
}

/**
 * Routes, declared on the app the kit hands over (an encapsulated Fastify plugin, sync or async):
 * `(app) => { app.post('/orders', { schema }, handler) }`.
 */
export type RoutePlugin = (app: FastifyInstance) => void | Promise<void>;

/** A service as its entry point declares it: what it is, what it serves, what it needs, what it runs. */
export interface ServiceDefinition {
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  /** The routes, with JSON schemas that validate requests and document them. */
  readonly routes: readonly RoutePlugin[];
  readonly readiness?: readonly ReadinessCheck[];
  readonly workers?: readonly Worker[];
  /**
   * What `GET /health` answers instead of the standard liveness body: the gateway uses it to name
   * every service it fronts and the state of their dependencies. Liveness stays 200 either way.
   */
  readonly liveness?: { readonly schema: object; report(): Promise<unknown> };
  /** Adds to the service's OpenAPI document at `/docs/json` (the gateway merges every service's into its own). */
  readonly openapi?: OpenApiExtension;
}

/** How a service changes its generated OpenAPI document before it is served. */
export interface OpenApiExtension {
  /** Runs before each request for the document (e.g. to fetch what `transform` adds); keep it cheap. */
  refresh?(): Promise<void>;
  /** The document to serve, given the one generated from the service's routes (a copy: change it freely). */
  transform(document: Record<string, unknown>): Record<string, unknown>;
}
