import type { OperationLog } from '@eventflow/oplog';
import type { Worker } from '@eventflow/service';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { completeAndRelease } from '../jobs/continuations.ts';
import type { PdfClient } from '../pdf/pdf-client.ts';
import type { JobEngine } from '../queue/job-engine.ts';
import { reportQueue, type ReportJobData } from '../queue/report-job.ts';
import { JobReporter } from './job-outcome.ts';
import { Completions } from './completions.ts';
import { runReport } from './run-report.ts';

export interface ReportWorkerOptions {
  readonly engine: JobEngine;
  readonly pdf: PdfClient;
  readonly log?: OperationLog | undefined;
  /** Jobs run at once by this instance (default 8): two fetch loops, each claiming up to half. */
  readonly concurrency?: number;
  /** How often an idle worker looks for due jobs, in seconds (default 1; new jobs wake it at once). */
  readonly pollingIntervalSeconds?: number;
}

/**
 * The kit worker that runs report jobs once the engine is open: pg-boss claims batches (again at
 * once while they come back full), the jobs of a batch run side by side, and each settles on its
 * own outcome; successes that come together are recorded in one transaction.
 */
export function reportWorker(options: ReportWorkerOptions): Worker {
  const concurrency = options.concurrency ?? 8;
  const polling = options.pollingIntervalSeconds ?? 1;
  let working: Promise<PgBoss | undefined> | undefined;
  return {
    name: 'report-worker',
    start({ log, metrics }) {
      const reporter = new JobReporter(options.log, log, metrics);
      working = options.engine.context().then(
        async (context) => {
          const runner = {
            context,
            pdf: options.pdf,
            reporter,
            completions: new Completions((attempts) => completeAndRelease(context, attempts)),
          };
          await context.boss.work(
            reportQueue,
            {
              includeMetadata: true,
              perJobResults: true,
              batchSize: Math.max(1, Math.ceil(concurrency / 2)),
              localConcurrency: concurrency > 1 ? 2 : 1,
              burstWhenBatchFull: true,
              pollingIntervalSeconds: polling,
              notifyPollingIntervalSeconds: polling,
            },
            (jobs: JobWithMetadata<ReportJobData>[]) => Promise.all(jobs.map((job) => runReport(runner, job))),
          );
          return context.boss;
        },
        (error: unknown) => {
          log.error({ err: error }, 'report worker not started: the job database did not open');
          return undefined;
        },
      );
      return Promise.resolve();
    },
    async close() {
      const boss = await working;
      working = undefined;
      await boss?.offWork(reportQueue, { wait: true }); // jobs in hand finish and settle
    },
  };
}
