import type { SqlTransaction } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import type { JobContext } from '../queue/job-context.ts';
import { reportQueue, type ReportJobData } from '../queue/report-job.ts';
import type { bossRetryOptions } from '../queue/retry-policy.ts';
import { jobErrors } from '../errors.ts';

type SendOptions = ReturnType<typeof bossRetryOptions> & { readonly id: string };

/**
 * Parent and continuation meet under one advisory lock per parent, so a continuation added while
 * its parent is finishing is either released by the parent or sent at once, never stranded.
 */
async function lockParent(tx: SqlTransaction, parentId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`continuation:${parentId}`]);
}

type ParentState = 'succeeded' | 'pending' | 'deleted' | 'missing';

async function parentState(tx: SqlTransaction, schemas: JobSchemas, parentId: string): Promise<ParentState> {
  const [row] = await tx.query<{ released: boolean; state: string | null; waiting: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${schemas.server}.released WHERE job_id = $2::uuid) AS released,
       (SELECT state::text FROM ${schemas.boss}.job WHERE name = $1 AND id = $2::uuid) AS state,
       EXISTS (SELECT 1 FROM ${schemas.server}.continuation WHERE id = $2::uuid) AS waiting`,
    [reportQueue, parentId],
  );
  if (row === undefined) return 'missing';
  if (row.released || row.state === 'completed') return 'succeeded';
  if (row.state === 'cancelled') return 'deleted';
  return row.state !== null || row.waiting ? 'pending' : 'missing';
}

/**
 * Adds a job that runs only after `parentId` succeeded: sent now if it already has, else kept
 * awaiting. The parent may itself be awaiting (a chain).
 */
export async function addContinuation(
  context: JobContext,
  parentId: string,
  data: ReportJobData,
  options: SendOptions,
): Promise<void> {
  const { db, boss, schemas } = context;
  await db.transaction(async (tx) => {
    await lockParent(tx, parentId);
    const state = await parentState(tx, schemas, parentId);
    if (state === 'missing') throw jobErrors.unknownParent(parentId);
    if (state === 'deleted') throw jobErrors.parentDeleted(parentId);
    if (state === 'succeeded') {
      await boss.send(reportQueue, data, { ...options, db: tx.boss });
      return;
    }
    const { id, ...retry } = options;
    await tx.query(
      `INSERT INTO ${schemas.server}.continuation (id, parent_id, data, options) VALUES ($1::uuid, $2::uuid, $3, $4)`,
      [id, parentId, JSON.stringify(data), JSON.stringify(retry)],
    );
  });
}

/**
 * A job's attempt succeeded: in one transaction, completes it in pg-boss with `output` (fenced to
 * that attempt), marks it released and sends its continuations to the queue, so a continuation
 * never starts before its parent is recorded as succeeded. Answers false, changing nothing, when
 * the attempt no longer holds the job (it was deleted, or expired and retried meanwhile).
 */
export async function completeAndRelease(
  context: JobContext,
  attempt: { readonly id: string; readonly retryCount: number },
  output: object,
): Promise<boolean> {
  const { db, boss, schemas } = context;
  return db.transaction(async (tx) => {
    await lockParent(tx, attempt.id);
    const completed = (await boss.complete(reportQueue, attempt, output, { db: tx.boss })) as { affected?: number };
    if (completed.affected === 0) return false;
    await tx.query(`INSERT INTO ${schemas.server}.released (job_id) VALUES ($1::uuid) ON CONFLICT DO NOTHING`, [
      attempt.id,
    ]);
    const rows = await tx.query<{ id: string; data: ReportJobData; options: Omit<SendOptions, 'id'> }>(
      `DELETE FROM ${schemas.server}.continuation WHERE parent_id = $1::uuid RETURNING id::text, data, options`,
      [attempt.id],
    );
    for (const row of rows) await boss.send(reportQueue, row.data, { ...row.options, id: row.id, db: tx.boss });
    return true;
  });
}

/** Deletes the continuations of `jobId`, and theirs, all the way down (Hangfire deletes them with their parent). */
export async function dropContinuations(tx: SqlTransaction, schemas: JobSchemas, jobId: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `WITH RECURSIVE doomed AS (
       SELECT id FROM ${schemas.server}.continuation WHERE parent_id = $1::uuid
       UNION SELECT c.id FROM ${schemas.server}.continuation c JOIN doomed d ON c.parent_id = d.id
     )
     DELETE FROM ${schemas.server}.continuation WHERE id IN (SELECT id FROM doomed) RETURNING id::text`,
    [jobId],
  );
  return rows.length;
}
