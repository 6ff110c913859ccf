import type { FastifyInstance } from 'fastify';
import { enqueueReport } from '../jobs/enqueue.ts';
import { findJob } from '../jobs/job-queries.ts';
import type { JobEngine } from '../queue/job-engine.ts';
import type { ReportRow } from '../queue/report-job.ts';
import type { RetryPolicy } from '../queue/retry-policy.ts';
import {
  deleteRecurring,
  getRecurring,
  listRecurring,
  recurringData,
  setPaused,
  upsertRecurring,
} from '../recurring/recurring-jobs.ts';
import { reportOf, requestCorrelationId } from './job-routes.ts';
import { problem, recurringBodySchema, recurringIdParams } from './schemas.ts';

interface RecurringBody {
  id: string;
  cron: string;
  timezone?: string;
  clientId: string;
  title?: string;
  rows?: ReportRow[];
  fileName?: string;
  retry?: Partial<RetryPolicy>;
}

const tags = ['recurring'];
const recurring = { $ref: 'recurring#' } as const;
type ById = { Params: { id: string } };

/** Recurring jobs (cron): add or update, list, pause, resume, delete, trigger now. */
export function recurringRoutes(engine: JobEngine) {
  return (app: FastifyInstance): void => {
    app.post<{ Body: RecurringBody }>(
      '/api/hangfire/recurring',
      {
        schema: {
          tags,
          summary: 'Add or update a recurring report job',
          body: recurringBodySchema,
          response: { 200: recurring, 201: recurring, 400: problem },
        },
      },
      async (request, reply) => {
        const { id, cron, timezone, retry } = request.body;
        const { view, created } = await upsertRecurring(await engine.context(), {
          id,
          cron,
          report: reportOf(request.body),
          ...(timezone === undefined ? {} : { timezone }),
          ...(retry === undefined ? {} : { retry }),
        });
        return reply.code(created ? 201 : 200).send(view);
      },
    );

    app.get(
      '/api/hangfire/recurring',
      {
        schema: {
          tags,
          summary: 'Every recurring job, paused or not',
          response: { 200: { type: 'object', properties: { recurring: { type: 'array', items: recurring } } } },
        },
      },
      async () => ({ recurring: await listRecurring(await engine.context()) }),
    );

    const byId = { params: recurringIdParams };
    app.get<ById>(
      '/api/hangfire/recurring/:id',
      {
        schema: {
          tags,
          summary: 'One recurring job',
          ...byId,
          response: { 200: recurring, 400: problem, 404: problem },
        },
      },
      async (request) => getRecurring(await engine.context(), request.params.id),
    );
    for (const [action, paused] of [
      ['pause', true],
      ['resume', false],
    ] as const) {
      app.post<ById>(
        `/api/hangfire/recurring/:id/${action}`,
        {
          schema: {
            tags,
            summary: `${action} a recurring job`,
            ...byId,
            response: { 200: recurring, 400: problem, 404: problem },
          },
        },
        async (request) => setPaused(await engine.context(), request.params.id, paused),
      );
    }
    app.delete<ById>(
      '/api/hangfire/recurring/:id',
      {
        schema: {
          tags,
          summary: 'Delete a recurring job (its jobs already enqueued stay)',
          ...byId,
          response: { 204: { type: 'null' }, 400: problem, 404: problem },
        },
      },
      async (request, reply) => {
        await deleteRecurring(await engine.context(), request.params.id);
        return reply.code(204).send();
      },
    );
    app.post<ById>(
      '/api/hangfire/recurring/:id/trigger',
      {
        schema: {
          tags,
          summary: 'Enqueue an occurrence now (paused or not)',
          ...byId,
          response: { 202: { $ref: 'job#' }, 400: problem, 404: problem },
        },
      },
      async (request, reply) => {
        const context = await engine.context();
        const data = await recurringData(context, request.params.id);
        const { id } = await enqueueReport(context, {
          report: data.report,
          correlationId: requestCorrelationId(),
          recurringId: request.params.id,
          ...(data.retry === undefined ? {} : { retry: data.retry }),
        });
        return reply.code(202).send(await findJob(context.db, context.schemas, id));
      },
    );
  };
}
