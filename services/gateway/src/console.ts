import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServiceError } from '@eventflow/service';

/** Where the web console is served. */
export const consolePath = '/console';

/**
 * Serves the built web console (a folder with index.html and hashed assets/) at /console: files as
 * they are, and index.html for every other page path, since the console routes in the browser
 * (/console/logs?correlationId=… opened in a new tab still works). A missing file is a 404 problem.
 */
export async function consoleRoutes(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        // Names under assets/ change with their content: cached for good. The page is checked each time.
        setHeaders: (reply, path) => {
          reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      scope.route({
        method: 'GET',
        url: '/',
        prefixTrailingSlash: 'no-slash',
        schema: { hide: true },
        handler: (_request, reply) => reply.redirect(`${consolePath}/`),
      });
      scope.setNotFoundHandler((request, reply) => {
        if (!isPage(request)) {
          throw new ServiceError('ROUTE.NOT_FOUND', 404, 'Not found', `No console file ${request.url.split('?')[0]}`);
        }
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    },
    { prefix: consolePath },
  );
}

/** A page of the console (`/console/jobs`), not a file (`/console/assets/x.js`). */
function isPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return (request.method === 'GET' || request.method === 'HEAD') && !last.includes('.');
}
