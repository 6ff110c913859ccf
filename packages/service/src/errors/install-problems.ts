import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openRequestCorrelation } from '../correlation/request-correlation.ts';
import { inRequestScope } from '../correlation/request-scope.ts';
import { classifyError } from './classify.ts';
import { indexRouteMethods } from './method-index.ts';
import { problemSchema } from './problem.ts';
import { sendProblem } from './send-problem.ts';

/**
 * Every error becomes problem+json: typed `ServiceError`s with their code, bad input as a 4xx, an
 * unknown route as 404, a known path with a method it does not serve as 405 with `Allow`, anything
 * else as a bare 500 whose stack only reaches the log.
 */
export function installProblems(app: FastifyInstance): void {
  app.addSchema(problemSchema);
  const methodsOf = indexRouteMethods(app);

  app.setErrorHandler((error, request, reply) =>
    inRequestScope(request, () => {
      const parts = classifyError(error);
      if (parts.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: parts.code, detail: parts.detail }, 'request refused');
      return sendProblem(request, reply, parts);
    }),
  );

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = methodsOf(path);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, {
        status: 405,
        code: 'ROUTE.METHOD_NOT_ALLOWED',
        title: 'Method not allowed',
        detail: `${path} answers ${allowed.join(', ')}, not ${request.method}`,
      });
    }
    return sendProblem(request, reply, {
      status: 404,
      code: 'ROUTE.NOT_FOUND',
      title: 'Not found',
      detail: `No route for ${request.method} ${path}`,
    });
  });
}

/** Fastify's `frameworkErrors`: a URL it cannot even route (bad encoding) is refused before any hook. */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  openRequestCorrelation(request, reply, () => {
    request.log.info({ code: error.code }, 'request refused');
    sendProblem(request, reply, classifyError(error));
  });
}
