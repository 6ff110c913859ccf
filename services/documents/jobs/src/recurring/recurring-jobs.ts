import type { SqlTransaction } from '../db/database.ts';
import { jobErrors } from '../errors.ts';
import type { JobContext } from '../queue/job-context.ts';
import { reportQueue, type ReportJobData, type ReportRequest } from '../queue/report-job.ts';
import { bossRetryOptions, mergePolicy, type RetryPolicy } from '../queue/retry-policy.ts';
import { viewOfRecurring, type RecurringData, type RecurringRow, type RecurringView } from './recurring-view.ts';

/** A recurring report job: our table keeps every one (paused too); pg-boss schedules the active ones. */
export interface RecurringDefinition {
  readonly id: string;
  readonly cron: string;
  readonly timezone?: string;
  readonly report: ReportRequest;
  readonly retry?: Partial<RetryPolicy>;
}

const columns = 'id, cron, timezone, data, paused, created_on, updated_on';

/** Checks the expression (5 fields, or 6 with seconds) and zone the way pg-boss will read them. */
function nextRuns(context: JobContext, cron: string, timezone: string, count = 3): string[] {
  try {
    return context.boss.previewSchedule(cron, { tz: timezone, count }).map((date) => date.toISOString());
  } catch (error) {
    throw jobErrors.invalidCron(cron, error instanceof Error ? error.message : String(error));
  }
}

async function schedule(context: JobContext, tx: SqlTransaction, row: RecurringRow): Promise<void> {
  const data: ReportJobData = { ...row.data.report, recurringId: row.id };
  const retry = bossRetryOptions(mergePolicy(context.policy, row.data.retry));
  await context.boss.schedule(reportQueue, row.cron, data, { ...retry, tz: row.timezone, key: row.id, db: tx.boss });
}

async function view(context: JobContext, row: RecurringRow): Promise<RecurringView> {
  if (row.paused) return viewOfRecurring(row, { nextRuns: [] });
  const scheduled = await context.boss.getSchedule(reportQueue, row.id);
  return viewOfRecurring(row, { nextRuns: nextRuns(context, row.cron, row.timezone), lastJobId: scheduled?.lastJobId });
}

/** Adds or replaces a recurring job (Hangfire's AddOrUpdate); a paused one stays paused. */
export async function upsertRecurring(
  context: JobContext,
  definition: RecurringDefinition,
): Promise<{ view: RecurringView; created: boolean }> {
  const timezone = definition.timezone ?? 'UTC';
  nextRuns(context, definition.cron, timezone, 1);
  const data: RecurringData = {
    report: definition.report,
    ...(definition.retry === undefined ? {} : { retry: definition.retry }),
  };
  const { row, created } = await context.db.transaction(async (tx) => {
    const [saved] = await tx.query<RecurringRow & { created: boolean }>(
      `INSERT INTO ${context.schemas.server}.recurring AS r (id, cron, timezone, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET cron = $2, timezone = $3, data = $4, updated_on = now()
       RETURNING ${columns}, (xmax = 0) AS created`,
      [definition.id, definition.cron, timezone, JSON.stringify(data)],
    );
    if (saved === undefined) throw new Error('upsert returned no row');
    if (!saved.paused) await schedule(context, tx, saved);
    return { row: saved, created: saved.created };
  });
  return { view: await view(context, row), created };
}

export async function listRecurring(context: JobContext): Promise<RecurringView[]> {
  const rows = await context.db.query<RecurringRow>(
    `SELECT ${columns} FROM ${context.schemas.server}.recurring ORDER BY id`,
  );
  return Promise.all(rows.map((row) => view(context, row)));
}

export async function getRecurring(context: JobContext, id: string): Promise<RecurringView> {
  const [row] = await context.db.query<RecurringRow>(
    `SELECT ${columns} FROM ${context.schemas.server}.recurring WHERE id = $1`,
    [id],
  );
  if (row === undefined) throw jobErrors.recurringNotFound(id);
  return view(context, row);
}

/** Pauses (no more occurrences) or resumes (from the next one; missed ones are skipped). */
export async function setPaused(context: JobContext, id: string, paused: boolean): Promise<RecurringView> {
  const row = await context.db.transaction(async (tx) => {
    const [updated] = await tx.query<RecurringRow>(
      `UPDATE ${context.schemas.server}.recurring SET paused = $2, updated_on = now() WHERE id = $1 RETURNING ${columns}`,
      [id, paused],
    );
    if (updated === undefined) throw jobErrors.recurringNotFound(id);
    if (paused) await context.boss.unschedule(reportQueue, id, { db: tx.boss });
    else await schedule(context, tx, updated);
    return updated;
  });
  return view(context, row);
}

export async function deleteRecurring(context: JobContext, id: string): Promise<void> {
  await context.db.transaction(async (tx) => {
    const deleted = await tx.query(`DELETE FROM ${context.schemas.server}.recurring WHERE id = $1 RETURNING id`, [id]);
    if (deleted.length === 0) throw jobErrors.recurringNotFound(id);
    await context.boss.unschedule(reportQueue, id, { db: tx.boss });
  });
}

/** The stored definition, for trigger-now. */
export async function recurringData(context: JobContext, id: string): Promise<RecurringData> {
  const [row] = await context.db.query<Pick<RecurringRow, 'data'>>(
    `SELECT data FROM ${context.schemas.server}.recurring WHERE id = $1`,
    [id],
  );
  if (row === undefined) throw jobErrors.recurringNotFound(id);
  return row.data;
}
