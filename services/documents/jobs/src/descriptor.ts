import { defineService } from '@eventflow/host';
import { jobMigrations, jobSchemas } from './db/schema.ts';

/** The job server (spec 000's "Hangfire Server") on the host: jobs on the `sql` port, reports from the PDF server. */
export const hangfire = defineService({
  name: 'hangfire',
  system: 'documents',
  description:
    'Job server: report jobs (fire-and-forget, delayed, recurring, continuations) with retries and a dashboard API',
  routes: [{ prefix: '/api/hangfire' }],
  port: 8104,
  needs: ['sql'],
  calls: ['pdf'],
  operationLog: { id: 'hangfire', service: 'hangfire-server' },
  recordRequests: 'self',
  config: {
    type: 'object',
    properties: {
      JOBS_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'hangfire' },
      JOBS_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 256, default: 8 },
    },
  },
  migrations: (config) => [jobMigrations(jobSchemas(config.JOBS_SCHEMA))],
  // Loaded when built, so that a platform list of descriptors stays light to import.
  build: async ({ ports, config, urlOf, log }) =>
    (await import('./service/job-service.ts')).jobService({
      db: { sql: ports.sql },
      schema: config.JOBS_SCHEMA,
      concurrency: config.JOBS_CONCURRENCY,
      pdf: { url: urlOf('pdf') },
      log,
      migrated: true,
    }),
});
