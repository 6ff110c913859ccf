import { logHttpOperations, type OperationLog } from '@eventflow/oplog';
import type { FastifyInstance } from 'fastify';
import type { JobEngine } from '../queue/job-engine.ts';
import { jobRoutes } from './job-routes.ts';
import { recurringRoutes } from './recurring-routes.ts';
import { jobViewSchema, recurringViewSchema } from './schemas.ts';
import { useValidator } from './validator.ts';

/** Every route of the job server, under /api/hangfire; each call is an operation record when a log is given. */
export function hangfireRoutes(engine: JobEngine, log: OperationLog | undefined) {
  return (app: FastifyInstance): void => {
    useValidator(app);
    app.addSchema(jobViewSchema);
    app.addSchema(recurringViewSchema);
    if (log !== undefined) logHttpOperations(app, log);
    jobRoutes(engine)(app);
    recurringRoutes(engine)(app);
  };
}
