import type { PgBoss } from 'pg-boss';
import type { JobDatabase } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import type { JobOutput } from '../jobs/job-view.ts';
import { reportQueue } from './report-job.ts';

/**
 * On the embedded engine, the job server takes back at once the attempts its previous process left
 * running: PGlite lives and dies with its process, so a job still `active` that started before the
 * engine did (`pg_postmaster_start_time()`) has no worker left. Each is failed as an attempt (fenced
 * to it), so it is retried per its policy. PostgreSQL outlives its clients, and another job server
 * may be running a job there: the heartbeat finds those (see boss.ts). Answers the jobs taken back.
 */
export async function takeBackOrphans(db: JobDatabase, boss: PgBoss, schemas: JobSchemas): Promise<string[]> {
  if (db.kind !== 'pglite') return [];
  const orphans = await db.query<{ id: string; retry_count: number }>(
    `SELECT id::text, retry_count FROM ${schemas.boss}.job
     WHERE name = $1 AND state = 'active' AND started_on < pg_postmaster_start_time()`,
    [reportQueue],
  );
  if (orphans.length === 0) return [];
  const output: JobOutput = {
    error: { message: 'the job server stopped during this attempt', code: 'JOBS.ATTEMPT_LOST' },
  };
  await boss.fail(
    reportQueue,
    orphans.map((job) => ({ id: job.id, retryCount: job.retry_count })),
    output,
  );
  return orphans.map((job) => job.id);
}
