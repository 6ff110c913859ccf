import type { OperationLog } from '@eventflow/oplog';
import type { ServiceDefinition } from '@eventflow/service';
import type { JobDatabaseOption } from '../db/open.ts';
import { hangfireRoutes } from '../http/routes.ts';
import { HttpPdfClient, type PdfClient } from '../pdf/pdf-client.ts';
import { JobEngine } from '../queue/job-engine.ts';
import { defaultRetryPolicy, mergePolicy, type RetryPolicy } from '../queue/retry-policy.ts';
import { reportWorker } from '../worker/report-worker.ts';

export interface JobServiceOptions {
  /** A PostgreSQL URL, `{ dataDir }` for the embedded engine (in memory without one), or `{ pglite }`. */
  readonly db: JobDatabaseOption;
  /** The PDF server: its base URL, or a client. */
  readonly pdf: { readonly url: string; readonly timeoutMs?: number } | PdfClient;
  /** Where every state-changing API call and job execution is recorded (topic logs-hangfire). */
  readonly log?: OperationLog;
  /** The clock of `generatedAt` (default the system's). */
  readonly now?: () => Date;
  /** pg-boss's schema (default `hangfire`); the job server's own tables go in `<schema>_server`. */
  readonly schema?: string;
  /** The retry policy of jobs that bring none (default: 5 retries, from 2 s, doubling, at most 300 s). */
  readonly retry?: Partial<RetryPolicy>;
  /** Jobs run at once by this instance (default 8). */
  readonly concurrency?: number;
  /** How often an idle worker looks for due jobs, in seconds (default 1; new jobs wake it at once). */
  readonly pollingIntervalSeconds?: number;
  /** How often recurring jobs are evaluated, in seconds (1-45, default 30). */
  readonly cronIntervalSeconds?: number;
  /** The host already applied `jobMigrations` (default false: the service applies them itself). */
  readonly migrated?: boolean;
  /** Run jobs in this instance (default true); false serves the API and dashboard only. */
  readonly runJobs?: boolean;
}

/**
 * The job server (spec 000's "Hangfire Server"): report jobs — fire-and-forget, delayed, recurring
 * and continuations — on pg-boss over PostgreSQL or PGlite, run by calling the PDF server, with
 * the dashboard's API.
 */
export function jobService(options: JobServiceOptions): ServiceDefinition {
  const policy = mergePolicy(defaultRetryPolicy, options.retry);
  const engine = new JobEngine({
    db: options.db,
    schema: options.schema ?? 'hangfire',
    policy,
    now: options.now ?? (() => new Date()),
    boss: options.cronIntervalSeconds === undefined ? {} : { cronIntervalSeconds: options.cronIntervalSeconds },
    ...(options.migrated === undefined ? {} : { migrated: options.migrated }),
  });
  const pdf = 'generateReport' in options.pdf ? options.pdf : new HttpPdfClient(options.pdf);
  const runner = reportWorker({
    engine,
    pdf,
    log: options.log,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
  });
  return {
    name: 'hangfire',
    version: '0.1.0',
    description:
      'Job server: report jobs (fire-and-forget, delayed, recurring, continuations) with retries and a dashboard API',
    routes: [hangfireRoutes(engine, options.log)],
    readiness: [{ name: 'job-database', check: () => engine.probe() }],
    // Closed newest first: the worker finishes its jobs before the database closes.
    workers: [engine.worker(), ...(options.runJobs === false ? [] : [runner])],
  };
}
