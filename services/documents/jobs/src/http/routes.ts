import { logHttpOperations, type OperationLog } from '@eventflow/oplog';
import type { FastifyInstance } from 'fastify';
import type { JobEngine } from '../queue/job-engine.ts';
import { jobRoutes } from './job-routes.ts';
import { recurringRoutes } from './recurring-routes.ts';
import { jobViewSchema, recurringViewSchema } from './schemas.ts';
import { useValidator } from './validator.ts';

/**
 * What the job server records as an operation (to logs-hangfire): the calls that change something
 * (enqueue, retry, trigger, delete, recurring changes), never plain reads, which the console polls
 * every few seconds (as the gateway does, less downloads: the job server serves none).
 */
export function jobServerOperation(request: { method: string; url: string }): boolean {
  return request.url.startsWith('/api/') && request.method !== 'GET' && request.method !== 'HEAD';
}

/** Every route of the job server, under /api/hangfire; each state-changing call is an operation record when a log is given. */
export function hangfireRoutes(engine: JobEngine, log: OperationLog | undefined) {
  return (app: FastifyInstance): void => {
    useValidator(app);
    app.addSchema(jobViewSchema);
    app.addSchema(recurringViewSchema);
    if (log !== undefined) logHttpOperations(app, log, { include: jobServerOperation });
    jobRoutes(engine)(app);
    recurringRoutes(engine)(app);
  };
}
