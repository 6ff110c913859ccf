import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyInstance } from 'fastify';

const methods: readonly HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Which methods each route path answers, kept as routes are added, so that a request for a path the
 * service serves with another method is a 405 with `Allow`, not a 404.
 */
export function indexRouteMethods(app: FastifyInstance): (path: string) => readonly string[] {
  const router = FindMyWay({ ignoreTrailingSlash: false });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!methods.includes(method as HTTPMethod)) continue;
      try {
        router.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        // A route find-my-way already has (the same path and method, e.g. from a HEAD Fastify added).
      }
    }
  });
  return (path) => methods.filter((method) => router.find(method, path) !== null);
}
