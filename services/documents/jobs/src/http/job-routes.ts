import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '@eventflow/correlation';
import type { FastifyInstance } from 'fastify';
import { deleteJob, retryJob, triggerJob } from '../jobs/commands.ts';
import { enqueueReport } from '../jobs/enqueue.ts';
import { findJob, listJobs } from '../jobs/job-queries.ts';
import { jobStates, type JobState } from '../jobs/job-view.ts';
import { jobStats } from '../jobs/stats.ts';
import { jobErrors } from '../errors.ts';
import type { JobEngine } from '../queue/job-engine.ts';
import type { ReportRequest, ReportRow } from '../queue/report-job.ts';
import type { RetryPolicy } from '../queue/retry-policy.ts';
import { enqueueBodySchema, enqueueHeadersSchema, jobIdParams, problem } from './schemas.ts';

interface EnqueueBody {
  clientId: string;
  title?: string;
  rows?: ReportRow[];
  fileName?: string;
  retry?: Partial<RetryPolicy>;
  delaySeconds?: number;
  runAt?: string;
  continueAfter?: string;
}

const tags = ['jobs'];
const job = { $ref: 'job#' } as const;

/** The report this request asks for. */
export function reportOf(body: {
  clientId: string;
  title?: string;
  rows?: ReportRow[];
  fileName?: string;
}): ReportRequest {
  const { clientId, title, rows, fileName } = body;
  return {
    clientId,
    ...(title === undefined ? {} : { title }),
    ...(rows === undefined ? {} : { rows }),
    ...(fileName === undefined ? {} : { fileName }),
  };
}

/** The job's correlation id: the request's (X-Correlation-Id, or the one the kit gave it). */
export function requestCorrelationId(): string {
  return currentCorrelation()?.correlationId ?? randomUUID();
}

/** Enqueueing jobs and the dashboard's view and commands on them. */
export function jobRoutes(engine: JobEngine) {
  return (app: FastifyInstance): void => {
    app.post<{ Body: EnqueueBody; Headers: { 'idempotency-key'?: string } }>(
      '/api/hangfire/jobs',
      {
        schema: {
          tags,
          summary: 'Enqueue a report job: now, delayed (delaySeconds or runAt) or as a continuation (continueAfter)',
          description:
            'Idempotent: a retry with the same X-Correlation-Id (or Idempotency-Key) and the same body answers the first job (200); with another body, 409 JOBS.IDEMPOTENCY_CONFLICT.',
          headers: enqueueHeadersSchema,
          body: enqueueBodySchema,
          response: { 200: job, 201: job, 400: problem, 409: problem, 422: problem },
        },
      },
      async (request, reply) => {
        const { delaySeconds, runAt, continueAfter, retry } = request.body;
        const idempotencyKey = request.headers['idempotency-key'];
        const context = await engine.context();
        const { id, created } = await enqueueReport(context, {
          report: reportOf(request.body),
          correlationId: requestCorrelationId(),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
          ...(delaySeconds === undefined ? {} : { delaySeconds }),
          ...(runAt === undefined ? {} : { runAt: new Date(runAt) }),
          ...(continueAfter === undefined ? {} : { continueAfter }),
          ...(retry === undefined ? {} : { retry }),
        });
        const found = await findJob(context.db, context.schemas, id);
        return reply
          .code(created ? 201 : 200)
          .header('location', `/api/hangfire/jobs/${id}`)
          .send(found);
      },
    );

    app.get<{ Querystring: { state?: JobState; limit: number; offset: number } }>(
      '/api/hangfire/jobs',
      {
        schema: {
          tags,
          summary: 'Jobs in a state (or all), newest first',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              state: { type: 'string', enum: [...jobStates] },
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
              offset: { type: 'integer', minimum: 0, maximum: 100_000, default: 0 },
            },
          },
          response: {
            200: { type: 'object', properties: { jobs: { type: 'array', items: job } } },
            400: problem,
          },
        },
      },
      async (request) => {
        const context = await engine.context();
        return { jobs: await listJobs(context.db, context.schemas, request.query) };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/api/hangfire/jobs/:id',
      { schema: { tags, summary: 'One job', params: jobIdParams, response: { 200: job, 400: problem, 404: problem } } },
      async (request) => {
        const context = await engine.context();
        const found = await findJob(context.db, context.schemas, request.params.id);
        if (found === undefined) throw jobErrors.notFound(request.params.id);
        return found;
      },
    );

    const command = (path: string, summary: string, run: typeof retryJob) =>
      app.post<{ Params: { id: string } }>(
        `/api/hangfire/jobs/:id/${path}`,
        {
          schema: {
            tags,
            summary,
            params: jobIdParams,
            response: { 202: job, 400: problem, 404: problem, 409: problem },
          },
        },
        async (request, reply) => reply.code(202).send(await run(await engine.context(), request.params.id)),
      );
    command('retry', 'Run a failed job again (or bring back a deleted one)', retryJob);
    command('trigger', 'Run a scheduled or retrying job now', triggerJob);

    app.delete<{ Params: { id: string } }>(
      '/api/hangfire/jobs/:id',
      {
        schema: {
          tags,
          summary: 'Delete a job and the continuations waiting on it',
          params: jobIdParams,
          response: { 204: { type: 'null' }, 400: problem, 404: problem },
        },
      },
      async (request, reply) => {
        await deleteJob(await engine.context(), request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/hangfire/stats',
      {
        schema: {
          tags,
          summary: 'Jobs per state, recurring jobs, and throughput per minute over the last hour',
          response: {
            200: {
              type: 'object',
              properties: {
                counts: {
                  type: 'object',
                  properties: Object.fromEntries(jobStates.map((s) => [s, { type: 'integer' }])),
                },
                recurring: {
                  type: 'object',
                  properties: { active: { type: 'integer' }, paused: { type: 'integer' } },
                },
                throughput: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      minute: { type: 'string', format: 'date-time' },
                      succeeded: { type: 'integer' },
                      failed: { type: 'integer' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      async () => {
        const context = await engine.context();
        return jobStats(context.db, context.schemas);
      },
    );
  };
}
