import { reportRequestOf, type ReportRequest } from '../queue/report-job.ts';
import type { RetryPolicy } from '../queue/retry-policy.ts';

/** A recurring job as the API shows it. */
export interface RecurringView {
  readonly id: string;
  readonly cron: string;
  readonly timezone: string;
  readonly arguments: ReportRequest;
  readonly retry?: Partial<RetryPolicy>;
  readonly paused: boolean;
  /** The next occurrences (none while paused). */
  readonly nextRuns: readonly string[];
  /** The job its schedule last produced (pg-boss's record; none while paused). */
  readonly lastJobId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the recurring table holds in `data`. */
export interface RecurringData {
  readonly report: ReportRequest;
  readonly retry?: Partial<RetryPolicy>;
}

export interface RecurringRow {
  readonly id: string;
  readonly cron: string;
  readonly timezone: string;
  readonly data: RecurringData;
  readonly paused: boolean;
  readonly created_on: Date;
  readonly updated_on: Date;
}

export function viewOfRecurring(
  row: RecurringRow,
  extra: { nextRuns: readonly string[]; lastJobId?: string | null | undefined },
): RecurringView {
  return {
    id: row.id,
    cron: row.cron,
    timezone: row.timezone,
    arguments: reportRequestOf(row.data.report),
    ...(row.data.retry === undefined ? {} : { retry: row.data.retry }),
    paused: row.paused,
    nextRuns: extra.nextRuns,
    ...(extra.lastJobId === undefined || extra.lastJobId === null ? {} : { lastJobId: extra.lastJobId }),
    createdAt: row.created_on.toISOString(),
    updatedAt: row.updated_on.toISOString(),
  };
}
