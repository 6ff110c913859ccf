import { isPermanent } from '@eventflow/bus';
import { withCorrelation } from '@eventflow/correlation';
import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { JobError, JobOutput } from '../jobs/job-view.ts';
import { PdfCallError, type PdfClient } from '../pdf/pdf-client.ts';
import type { JobContext } from '../queue/job-context.ts';
import type { ReportJobData } from '../queue/report-job.ts';
import type { Completions } from './completions.ts';
import type { Attempt, JobReporter } from './job-outcome.ts';

export interface ReportRunner {
  readonly context: JobContext;
  readonly pdf: PdfClient;
  readonly reporter: JobReporter;
  /** Where succeeded attempts are recorded, several in one transaction when they come together. */
  readonly completions: Completions;
}

/**
 * Runs one attempt of a report job: asks the PDF server for the report (same correlation id and
 * generation time on every attempt, so a retry is idempotent); on success completes the job and
 * releases its continuations together (in one transaction with other jobs that succeeded meanwhile);
 * answers the job's outcome for pg-boss: completed with the
 * stored file, failed (retried per the job's policy), or dead-lettered (failed at once) when no
 * retry can change the answer.
 */
export async function runReport(runner: ReportRunner, job: JobWithMetadata<ReportJobData>): Promise<JobResult> {
  const data = job.data;
  const correlationId = data.correlationId ?? job.id;
  const attempt: Attempt = {
    jobId: job.id,
    correlationId,
    clientId: data.clientId,
    attempt: job.retryCount + 1,
    attempts: job.retryLimit + 1,
  };
  return withCorrelation({ correlationId, causationId: job.id }, async () => {
    runner.reporter.started(attempt);
    // On disk before the work starts: a crash from here on cannot lose that the attempt began.
    await runner.reporter.persisted();
    const began = performance.now();
    const elapsed = () => Math.round((performance.now() - began) * 100) / 100;
    try {
      const file = await runner.pdf.generateReport({
        ...data,
        correlationId,
        generatedAt: data.generatedAt ?? job.createdOn.toISOString(),
      });
      const output: JobOutput = { file };
      // On disk before the job is completed: a crash between the two leaves the record (and the job is
      // run again, a second record of the same stored file: at least once, never missing). Recorded even
      // when the attempt no longer holds its job (taken over after a lost heartbeat): the PDF was stored.
      runner.reporter.succeeded(attempt, file, elapsed());
      await runner.reporter.persisted();
      // Completed here, with the continuations' release; pg-boss's own settlement is then a no-op.
      await runner.completions.complete({ id: job.id, retryCount: job.retryCount, output });
      return { id: job.id, status: 'completed', output };
    } catch (caught) {
      const error = jobError(caught);
      // A permanent error (the bus's marker: a PdfCallError of a 4xx says retryable: false) ends the job now.
      const retryable = !isPermanent(caught);
      runner.reporter.failed(attempt, error, retryable && job.retryCount < job.retryLimit, elapsed());
      await runner.reporter.persisted();
      return { id: job.id, status: retryable ? 'failed' : 'deadletter', output: { error } satisfies JobOutput };
    }
  });
}

function jobError(error: unknown): JobError {
  if (error instanceof PdfCallError) {
    return {
      message: error.message,
      code: error.code,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  return { message: error instanceof Error ? error.message : String(error), code: 'JOBS.RUN_FAILED' };
}
