import type { SqlRunner } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import { reportQueue } from '../queue/report-job.ts';
import {
  viewOfContinuation,
  viewOfJob,
  type BossJobRow,
  type ContinuationRow,
  type JobState,
  type JobView,
} from './job-view.ts';

// pg-boss's job table is read directly (its columns are pinned with the pg-boss version in
// package.json): it is the one record of every job, so the dashboard never disagrees with the queue.
const jobColumns = `id::text, state::text, start_after > now() AS deferred, data, output, retry_count,
  retry_limit, retry_delay, retry_backoff, retry_delay_max, start_after, created_on, started_on, completed_on`;

/** Each dashboard state as a condition on pg-boss's columns. */
export const statePredicates: Record<Exclude<JobState, 'awaiting'>, string> = {
  scheduled: `state = 'created' AND start_after > now()`,
  enqueued: `state = 'created' AND start_after <= now()`,
  retrying: `state = 'retry'`,
  processing: `state = 'active'`,
  succeeded: `state = 'completed'`,
  failed: `state = 'failed'`,
  deleted: `state = 'cancelled'`,
};

/**
 * A job by id, awaiting or queued; undefined when there is none. A continuation released between
 * the two reads (gone from the waiting ones, not yet seen in the queue) is looked for in the queue
 * once more, so a job that exists is never answered as missing.
 */
export async function findJob(db: SqlRunner, schemas: JobSchemas, id: string): Promise<JobView | undefined> {
  const queued = async () => {
    const [row] = await db.query<BossJobRow>(
      `SELECT ${jobColumns} FROM ${schemas.boss}.job WHERE name = $1 AND id = $2::uuid`,
      [reportQueue, id],
    );
    return row === undefined ? undefined : viewOfJob(row);
  };
  const found = await queued();
  if (found !== undefined) return found;
  const [waiting] = await db.query<ContinuationRow>(
    `SELECT id::text, parent_id::text, data, options, created_on FROM ${schemas.server}.continuation WHERE id = $1::uuid`,
    [id],
  );
  return waiting === undefined ? queued() : viewOfContinuation(waiting);
}

export interface JobListQuery {
  readonly state?: JobState;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The list's order, in what the list shows: createdAt to the millisecond, then id. Ordering by the full
 * microsecond timestamp instead made pages of the merged list skip and repeat jobs created in the same
 * millisecond (PostgreSQL's top rows and the re-sorted page disagreed).
 */
const newestFirst = `date_trunc('milliseconds', created_on) DESC, id`;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Jobs in a state (or in any), newest first. */
export async function listJobs(db: SqlRunner, schemas: JobSchemas, query: JobListQuery): Promise<JobView[]> {
  const { state, limit, offset } = query;
  const waiting = async () =>
    (
      await db.query<ContinuationRow>(
        `SELECT id::text, parent_id::text, data, options, created_on FROM ${schemas.server}.continuation
         ORDER BY ${newestFirst} LIMIT $1`,
        [limit + offset],
      )
    ).map(viewOfContinuation);
  const queued = async (predicate: string, take: number, skip: number) =>
    (
      await db.query<BossJobRow>(
        `SELECT ${jobColumns} FROM ${schemas.boss}.job WHERE name = $1 AND ${predicate}
         ORDER BY ${newestFirst} LIMIT $2 OFFSET $3`,
        [reportQueue, take, skip],
      )
    ).map(viewOfJob);
  if (state === 'awaiting') return (await waiting()).slice(offset, offset + limit);
  if (state !== undefined) return queued(statePredicates[state], limit, offset);
  const merged = [...(await waiting()), ...(await queued('true', limit + offset, 0))];
  merged.sort((a, b) => compare(b.createdAt, a.createdAt) || compare(a.id, b.id));
  return merged.slice(offset, offset + limit);
}
