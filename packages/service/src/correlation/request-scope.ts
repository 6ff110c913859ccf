import { AsyncResource } from 'node:async_hooks';
import { withCorrelation, type Correlation } from '@eventflow/correlation';
import type { FastifyRequest } from 'fastify';

interface RequestScope {
  readonly correlation: Correlation;
  /** Captures the async context the correlation runs in, to re-enter it where Node's events lose it. */
  readonly resource: AsyncResource;
}

const scopes = new WeakMap<FastifyRequest, RequestScope>();

/** Opens the request's correlation scope and runs `next` inside it (the rest of the lifecycle follows). */
export function enterRequestScope(request: FastifyRequest, correlation: Correlation, next: () => void): void {
  withCorrelation(correlation, () => {
    scopes.set(request, { correlation, resource: new AsyncResource('eventflow.request') });
    next();
  });
}

/**
 * Runs `work` inside the request's correlation scope. Body parsing and the response's `finish` event
 * run in the socket's context, so the hooks after them re-enter the scope through this.
 */
export function inRequestScope<T>(request: FastifyRequest, work: () => T): T {
  const scope = scopes.get(request);
  return scope === undefined ? work() : scope.resource.runInAsyncScope(work);
}

/** The correlation a request runs under, once its scope is open. */
export function requestCorrelation(request: FastifyRequest): Correlation | undefined {
  return scopes.get(request)?.correlation;
}
