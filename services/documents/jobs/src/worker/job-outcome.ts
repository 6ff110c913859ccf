import type { OperationLog } from '@eventflow/oplog';
import type { ServiceMetrics } from '@eventflow/service';
import type { FastifyBaseLogger } from 'fastify';
import type { JobError } from '../jobs/job-view.ts';
import type { StoredReport } from '../pdf/pdf-client.ts';

/** One attempt of one job, as it is logged and recorded. */
export interface Attempt {
  readonly jobId: string;
  readonly correlationId: string;
  readonly clientId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Attempts the job may make in all. */
  readonly attempts: number;
}

export const jobEndpoint = 'job:report';

/**
 * Tells about each job execution: an operation record (logs-hangfire) with the job's correlation
 * id at its start, its success and its failure, a log line, and the service's metrics.
 */
export class JobReporter {
  readonly #log: OperationLog | undefined;
  readonly #logger: FastifyBaseLogger;
  readonly #outcomes;
  readonly #duration;

  constructor(log: OperationLog | undefined, logger: FastifyBaseLogger, metrics: ServiceMetrics) {
    this.#log = log;
    this.#logger = logger;
    this.#outcomes = metrics.counter({
      name: 'hangfire_job_attempts_total',
      help: 'Report job attempts, by outcome',
      labelNames: ['outcome'],
    });
    this.#duration = metrics.histogram({
      name: 'hangfire_job_duration_seconds',
      help: 'Time one report job attempt took, by outcome',
      labelNames: ['outcome'],
    });
  }

  /** Resolves once the records taken so far are in the operation log's spool (on disk). */
  async persisted(): Promise<void> {
    await this.#log?.persisted();
  }

  started(attempt: Attempt): void {
    this.#logger.info(attempt, 'report job started');
    this.#log?.record({
      endpoint: jobEndpoint,
      operation: 'job.start',
      correlationId: attempt.correlationId,
      payload: attempt,
      success: true,
    });
  }

  succeeded(attempt: Attempt, file: StoredReport, durationMs: number): void {
    this.#count('succeeded', durationMs);
    this.#logger.info({ ...attempt, fileName: file.fileName, size: file.size, durationMs }, 'report job succeeded');
    this.#log?.record({
      endpoint: jobEndpoint,
      operation: 'job.success',
      correlationId: attempt.correlationId,
      payload: { ...attempt, size: file.size, sha256: file.sha256, path: file.path },
      fileName: file.fileName,
      success: true,
      durationMs,
    });
  }

  failed(attempt: Attempt, error: JobError, willRetry: boolean, durationMs: number): void {
    const outcome = willRetry ? 'retrying' : 'failed';
    this.#count(outcome, durationMs);
    this.#logger.warn(
      { ...attempt, error, willRetry, durationMs },
      `report job failed${willRetry ? ', will retry' : ''}`,
    );
    this.#log?.record({
      endpoint: jobEndpoint,
      operation: 'job.failure',
      correlationId: attempt.correlationId,
      payload: { ...attempt, willRetry },
      success: false,
      error: error.message,
      durationMs,
      ...(error.status === undefined ? {} : { statusCode: error.status }),
    });
  }

  #count(outcome: string, durationMs: number): void {
    this.#outcomes.inc({ outcome });
    this.#duration.observe({ outcome }, durationMs / 1000);
  }
}
