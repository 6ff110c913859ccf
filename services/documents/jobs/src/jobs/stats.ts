import type { SqlRunner } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import { reportQueue } from '../queue/report-job.ts';
import type { JobState } from './job-view.ts';
import { statePredicates } from './job-queries.ts';

export interface MinuteThroughput {
  /** The minute's start, ISO-8601. */
  readonly minute: string;
  readonly succeeded: number;
  readonly failed: number;
}

/** The dashboard's numbers: jobs per state, recurring jobs, and the last hour minute by minute. */
export interface JobStats {
  readonly counts: Readonly<Record<JobState, number>>;
  readonly recurring: { readonly active: number; readonly paused: number };
  /** Jobs that finished (succeeded, or failed for good) in each of the last 60 minutes, oldest first. */
  readonly throughput: readonly MinuteThroughput[];
}

export async function jobStats(db: SqlRunner, schemas: JobSchemas): Promise<JobStats> {
  const filters = Object.entries(statePredicates).map(
    ([state, predicate]) => `count(*) FILTER (WHERE ${predicate})::int AS "${state}"`,
  );
  const [queued] = await db.query<Record<string, number>>(
    `SELECT ${filters.join(', ')} FROM ${schemas.boss}.job WHERE name = $1`,
    [reportQueue],
  );
  const [server] = await db.query<{ awaiting: number; active: number; paused: number }>(
    `SELECT (SELECT count(*) FROM ${schemas.server}.continuation)::int AS awaiting,
       (SELECT count(*) FROM ${schemas.server}.recurring WHERE NOT paused)::int AS active,
       (SELECT count(*) FROM ${schemas.server}.recurring WHERE paused)::int AS paused`,
  );
  const minutes = await db.query<{ minute: Date; succeeded: number; failed: number }>(
    `SELECT m.minute,
       count(j.id) FILTER (WHERE j.state = 'completed')::int AS succeeded,
       count(j.id) FILTER (WHERE j.state = 'failed')::int AS failed
     FROM generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()),
       interval '1 minute') AS m(minute)
     LEFT JOIN ${schemas.boss}.job j ON j.name = $1 AND j.state IN ('completed', 'failed')
       AND j.completed_on >= m.minute AND j.completed_on < m.minute + interval '1 minute'
     GROUP BY m.minute ORDER BY m.minute`,
    [reportQueue],
  );
  const count = (state: string) => queued?.[state] ?? 0;
  return {
    counts: {
      awaiting: server?.awaiting ?? 0,
      scheduled: count('scheduled'),
      enqueued: count('enqueued'),
      retrying: count('retrying'),
      processing: count('processing'),
      succeeded: count('succeeded'),
      failed: count('failed'),
      deleted: count('deleted'),
    },
    recurring: { active: server?.active ?? 0, paused: server?.paused ?? 0 },
    throughput: minutes.map((m) => ({ minute: m.minute.toISOString(), succeeded: m.succeeded, failed: m.failed })),
  };
}
