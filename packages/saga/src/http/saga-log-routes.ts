import type { RoutePlugin } from '@eventflow/service';
import type { SagaLog, SagaLogQuery } from '../log/saga-log.ts';
import { sagaLogStates } from '../log/states.ts';

const nullable = (type: string) => ({ type: [type, 'null'] });

const entrySchema = {
  type: 'object',
  required: ['id', 'sagaId', 'saga', 'step', 'state', 'attempt', 'error', 'correlationId', 'at'],
  properties: {
    id: { type: 'integer' },
    sagaId: { type: 'string' },
    saga: { type: 'string' },
    step: nullable('string'),
    state: { type: 'string', enum: [...sagaLogStates] },
    attempt: nullable('integer'),
    error: nullable('string'),
    durationMs: nullable('number'),
    detail: { type: ['object', 'null'], additionalProperties: true },
    worker: nullable('string'),
    correlationId: nullable('string'),
    at: { type: 'string', format: 'date-time' },
  },
} as const;

/**
 * `GET /saga/logs?correlationId=&sagaId=&saga=&state=&step=&after=&limit=` (spec 004's saga log) for a
 * service built with the kit: the saga log rows that match, oldest first, `{ entries: [...] }`.
 */
export function sagaLogRoutes(log: SagaLog, options: { readonly path?: string } = {}): RoutePlugin {
  return (app) => {
    app.get(
      options.path ?? '/saga/logs',
      {
        schema: {
          summary: 'The saga log: orchestrated steps and choreographed messages, by flow, instance or state',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              correlationId: { type: 'string', maxLength: 128 },
              sagaId: { type: 'string', maxLength: 200 },
              saga: { type: 'string', maxLength: 100 },
              state: { type: 'string', enum: [...sagaLogStates] },
              step: { type: 'string', maxLength: 200 },
              after: { type: 'integer', minimum: 0 },
              limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            },
          },
          response: {
            200: {
              type: 'object',
              required: ['entries'],
              properties: { entries: { type: 'array', items: entrySchema } },
            },
          },
        },
      },
      async (request) => ({ entries: await log.query(request.query as SagaLogQuery) }),
    );
  };
}
