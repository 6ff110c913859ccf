import { jobErrors } from '../errors.ts';
import type { JobContext } from '../queue/job-context.ts';
import { reportQueue } from '../queue/report-job.ts';
import { dropContinuations } from './continuations.ts';
import { releaseKeys } from './idempotency.ts';
import { findJob } from './job-queries.ts';
import type { JobState, JobView } from './job-view.ts';

async function existing(context: JobContext, id: string): Promise<JobView> {
  const job = await findJob(context.db, context.schemas, id);
  if (job === undefined) throw jobErrors.notFound(id);
  return job;
}

function expectState(job: JobView, action: string, allowed: readonly JobState[]): void {
  if (!allowed.includes(job.state)) throw jobErrors.invalidState(job.id, job.state, action, allowed);
}

/**
 * Runs a failed job once more (pg-boss adds one attempt to its limit), or brings a deleted one back.
 * Answers the job as it is now.
 */
export async function retryJob(context: JobContext, id: string): Promise<JobView> {
  const job = await existing(context, id);
  expectState(job, 'retry', ['failed', 'deleted']);
  if (job.state === 'failed') await context.boss.retry(reportQueue, id);
  else await context.boss.resume(reportQueue, id);
  return existing(context, id);
}

/** Runs a scheduled (or retrying) job now. An enqueued one is due already: nothing to do. */
export async function triggerJob(context: JobContext, id: string): Promise<JobView> {
  const job = await existing(context, id);
  expectState(job, 'trigger', ['scheduled', 'retrying', 'enqueued']);
  if (job.state !== 'enqueued') {
    // A second back, so that the database's clock sees it due too (and pg-boss wakes a worker).
    await context.boss.update(reportQueue, undefined, { id, startAfter: new Date(Date.now() - 1000) });
  }
  return existing(context, id);
}

/**
 * Deletes a job, with the continuations waiting on it. One not finished yet is cancelled (it shows
 * as deleted, and `retry` brings it back); a finished or already deleted one is removed for good,
 * and so are its enqueue keys (an enqueue with them makes a new job).
 */
export async function deleteJob(context: JobContext, id: string): Promise<void> {
  const job = await existing(context, id);
  const { db, boss, schemas } = context;
  await db.transaction(async (tx) => {
    const removed = await dropContinuations(tx, schemas, id);
    if (job.state === 'awaiting') {
      await tx.query(`DELETE FROM ${schemas.server}.continuation WHERE id = $1::uuid`, [id]);
      removed.push(id);
    } else if (['succeeded', 'failed', 'deleted'].includes(job.state)) {
      await boss.deleteJob(reportQueue, id, { db: tx.boss });
      removed.push(id);
    } else {
      await boss.cancel(reportQueue, id, { db: tx.boss });
    }
    await releaseKeys(tx, schemas, removed);
  });
}
