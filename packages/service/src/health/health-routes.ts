import type { FastifyPluginCallback } from 'fastify';
import type { ReadinessCheck } from '../definition.ts';
import { checkReadiness, dependencyStatusSchema } from './readiness.ts';

export interface HealthOptions {
  readonly service: string;
  readonly version: string;
  readonly checks: readonly ReadinessCheck[];
  readonly timeoutMs: number;
  readonly liveness?: { readonly schema: object; report(): Promise<unknown> } | undefined;
}

const liveness = {
  type: 'object',
  required: ['status', 'service', 'version', 'uptimeSeconds'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    service: { type: 'string' },
    version: { type: 'string' },
    uptimeSeconds: { type: 'integer' },
  },
} as const;

const readiness = {
  type: 'object',
  required: ['status', 'service', 'checkedAt', 'dependencies'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    service: { type: 'string' },
    checkedAt: { type: 'string', format: 'date-time' },
    dependencies: { type: 'array', items: dependencyStatusSchema },
  },
} as const;

/** `GET /health`: the process answers. `GET /health/ready`: every dependency answers too (else 503). */
export function healthRoutes(options: HealthOptions): FastifyPluginCallback {
  const startedAt = performance.now();
  const tags = ['health'];
  return (app, _options, done) => {
    const custom = options.liveness;
    app.get(
      '/health',
      // Probed every few seconds by the gateway and by orchestrators: logged only when something is wrong.
      { logLevel: 'warn', schema: { tags, summary: 'Liveness', response: { 200: custom?.schema ?? liveness } } },
      async () =>
        custom === undefined
          ? {
              status: 'ok',
              service: options.service,
              version: options.version,
              uptimeSeconds: Math.floor((performance.now() - startedAt) / 1000),
            }
          : custom.report(),
    );

    app.get(
      '/health/ready',
      { logLevel: 'warn', schema: { tags, summary: 'Readiness', response: { 200: readiness, 503: readiness } } },
      async (_request, reply) => {
        const dependencies = await checkReadiness(options.checks, options.timeoutMs);
        const ready = dependencies.every((d) => d.status === 'up');
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ok' : 'degraded',
          service: options.service,
          checkedAt: new Date().toISOString(),
          dependencies,
        });
      },
    );
    done();
  };
}
