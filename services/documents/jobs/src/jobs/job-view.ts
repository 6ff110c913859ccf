import type { StoredReport } from '../pdf/pdf-client.ts';
import { reportRequestOf, type ReportJobData, type ReportRequest } from '../queue/report-job.ts';
import type { RetryPolicy } from '../queue/retry-policy.ts';

/** A job's state as the dashboard names it (Hangfire's, plus `retrying` between attempts). */
export const jobStates = [
  'awaiting',
  'scheduled',
  'enqueued',
  'retrying',
  'processing',
  'succeeded',
  'failed',
  'deleted',
] as const;
export type JobState = (typeof jobStates)[number];

/** One job as the API shows it. */
export interface JobView {
  readonly id: string;
  readonly state: JobState;
  readonly correlationId: string;
  readonly arguments: ReportRequest;
  readonly generatedAt: string;
  readonly recurringId?: string;
  readonly continueAfter?: string;
  /** Attempts started so far. */
  readonly attempts: number;
  readonly retry: RetryPolicy;
  readonly createdAt: string;
  /** When it may run (scheduled), or may run again (retrying). */
  readonly runAt?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** The last attempt's error. */
  readonly error?: JobError;
  /** The stored PDF's metadata, once succeeded. */
  readonly result?: StoredReport;
}

export interface JobError {
  readonly message: string;
  readonly code?: string;
  readonly status?: number;
}

/**
 * What a job's `output` holds: ours, written by the worker; or pg-boss's own, `{ value: { message } }`,
 * when its supervisor failed an attempt whose worker stopped beating (or that outlived its expiry).
 */
export interface JobOutput {
  readonly file?: StoredReport;
  readonly error?: JobError;
  readonly value?: { readonly message?: string };
}

/** The last attempt's error, ours or pg-boss's supervisor's (an attempt lost with its job server). */
function errorOf(output: JobOutput | null): JobError | undefined {
  if (output?.error !== undefined) return output.error;
  const message = output?.value?.message;
  return typeof message === 'string' ? { message, code: 'JOBS.ATTEMPT_LOST' } : undefined;
}

/** A pg-boss job row, as the view queries select it. */
export interface BossJobRow {
  readonly id: string;
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  readonly deferred: boolean;
  readonly data: ReportJobData;
  readonly output: JobOutput | null;
  readonly retry_count: number;
  readonly retry_limit: number;
  readonly retry_delay: number;
  readonly retry_backoff: boolean;
  readonly retry_delay_max: number | null;
  readonly start_after: Date;
  readonly created_on: Date;
  readonly started_on: Date | null;
  readonly completed_on: Date | null;
}

/** A continuation row: a job waiting for its parent. */
export interface ContinuationRow {
  readonly id: string;
  readonly parent_id: string;
  readonly data: ReportJobData;
  readonly options: { retryLimit: number; retryDelay: number; retryBackoff: boolean; retryDelayMax?: number };
  readonly created_on: Date;
}

const stateOf: Record<BossJobRow['state'], (row: BossJobRow) => JobState> = {
  created: (row) => (row.deferred ? 'scheduled' : 'enqueued'),
  retry: () => 'retrying',
  active: () => 'processing',
  completed: () => 'succeeded',
  failed: () => 'failed',
  cancelled: () => 'deleted',
};

export function viewOfJob(row: BossJobRow): JobView {
  const state = stateOf[row.state](row);
  return {
    id: row.id,
    state,
    correlationId: row.data.correlationId ?? row.id,
    arguments: reportRequestOf(row.data),
    generatedAt: row.data.generatedAt ?? row.created_on.toISOString(),
    ...lineage(row.data),
    attempts: row.started_on === null ? 0 : row.retry_count + 1,
    retry: {
      retryLimit: row.retry_limit,
      retryDelay: row.retry_delay,
      backoff: row.retry_backoff,
      ...(row.retry_delay_max === null ? {} : { retryDelayMax: row.retry_delay_max }),
    },
    createdAt: row.created_on.toISOString(),
    ...(state === 'scheduled' || state === 'retrying' || state === 'enqueued'
      ? { runAt: row.start_after.toISOString() }
      : {}),
    ...(row.started_on === null ? {} : { startedAt: row.started_on.toISOString() }),
    ...(row.completed_on === null ? {} : { finishedAt: row.completed_on.toISOString() }),
    ...errorView(state, errorOf(row.output)),
    ...(row.output?.file === undefined || state !== 'succeeded' ? {} : { result: row.output.file }),
  };
}

function errorView(state: JobState, error: JobError | undefined): { error?: JobError } {
  return error === undefined || state === 'succeeded' ? {} : { error };
}

export function viewOfContinuation(row: ContinuationRow): JobView {
  return {
    id: row.id,
    state: 'awaiting',
    correlationId: row.data.correlationId ?? row.id,
    arguments: reportRequestOf(row.data),
    generatedAt: row.data.generatedAt ?? row.created_on.toISOString(),
    ...lineage(row.data),
    attempts: 0,
    retry: {
      retryLimit: row.options.retryLimit,
      retryDelay: row.options.retryDelay,
      backoff: row.options.retryBackoff,
      ...(row.options.retryDelayMax === undefined ? {} : { retryDelayMax: row.options.retryDelayMax }),
    },
    createdAt: row.created_on.toISOString(),
  };
}

function lineage(data: ReportJobData): { recurringId?: string; continueAfter?: string } {
  return {
    ...(data.recurringId === undefined ? {} : { recurringId: data.recurringId }),
    ...(data.continueAfter === undefined ? {} : { continueAfter: data.continueAfter }),
  };
}
