import Fastify, { type FastifyInstance } from 'fastify';
import { checkHealth, type HostedService, type PlatformHealth } from './health.ts';

export interface GatewayOptions {
  readonly mode: PlatformHealth['mode'];
  /** The services this gateway fronts (embedded: hosted in this process). */
  readonly services: readonly HostedService[];
  readonly logger?: boolean;
}

/** The gateway's HTTP app, apart from `listen()` so tests drive it through `inject()`. */
export function buildGateway(options: GatewayOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });

  const healthSchema = {
    response: {
      200: { $ref: 'platformHealth#' },
      503: { $ref: 'platformHealth#' },
    },
  } as const;
  app.addSchema({
    $id: 'platformHealth',
    type: 'object',
    required: ['status', 'mode', 'services', 'checkedAt'],
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      mode: { type: 'string', enum: ['embedded', 'distributed'] },
      checkedAt: { type: 'string', format: 'date-time' },
      services: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'status', 'dependencies'],
          properties: {
            name: { type: 'string' },
            status: { type: 'string', enum: ['up', 'degraded'] },
            dependencies: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'status', 'detail'],
                properties: {
                  name: { type: 'string' },
                  status: { type: 'string', enum: ['up', 'down'] },
                  detail: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  });

  // Liveness: the process answers, and names what runs here and how its dependencies are.
  app.get('/health', { schema: healthSchema }, async () => checkHealth(options.mode, options.services));

  // Readiness: 503 until every dependency of every service answers.
  app.get('/health/ready', { schema: healthSchema }, async (_request, reply) => {
    const health = await checkHealth(options.mode, options.services);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });

  return app;
}
