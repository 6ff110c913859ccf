import type { SqlTransaction } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import type { JobContext } from '../queue/job-context.ts';
import { reportQueue, type ReportJobData } from '../queue/report-job.ts';
import type { bossRetryOptions } from '../queue/retry-policy.ts';
import { jobErrors } from '../errors.ts';

export type SendOptions = ReturnType<typeof bossRetryOptions> & { readonly id: string };

/** A continuation taken out of waiting, to be sent to the queue. */
interface Continuation {
  readonly id: string;
  readonly data: ReportJobData;
  readonly options: Omit<SendOptions, 'id'>;
}

/**
 * Parent and continuation meet under one advisory lock per parent, so a continuation added while
 * its parent is finishing is either released by the parent or sent at once, never stranded.
 */
async function lockParent(tx: SqlTransaction, parentId: string): Promise<void> {
  // Lower case, as PostgreSQL spells a uuid and so as the parent's own id comes back from pg-boss:
  // a request may spell it in upper case, and the two must take the same lock.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`continuation:${parentId.toLowerCase()}`]);
}

/** The locks of several parents in one statement, always taken in the same order (no deadlock between two batches). */
async function lockParents(tx: SqlTransaction, parentIds: readonly string[]): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock(key) FROM (
       SELECT hashtext('continuation:' || id) AS key FROM unnest($1::text[]) AS id ORDER BY 1
     ) AS keys`,
    [parentIds],
  );
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
  await context.db.transaction((tx) => addContinuationIn(tx, context, parentId, data, options));
}

/** `addContinuation` inside a transaction of the caller's (enqueue's, with its idempotency keys). */
export async function addContinuationIn(
  tx: SqlTransaction,
  context: JobContext,
  parentId: string,
  data: ReportJobData,
  options: SendOptions,
): Promise<void> {
  const { boss, schemas } = context;
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
}

/** An attempt that succeeded: its job, the retry count it was fetched with (its fence), and its output. */
export interface SucceededAttempt {
  readonly id: string;
  readonly retryCount: number;
  readonly output: object;
}

/**
 * Attempts that succeeded (a group handed over together, see worker/completions.ts): in one
 * transaction, completes each job in pg-boss with its output (fenced to that attempt), marks the
 * completed ones released and sends their continuations to the queue, so a continuation never
 * starts before its parent is recorded as succeeded. Four round trips whatever the group's size
 * (BEGIN, the parents' locks, one statement, COMMIT), plus a send per continuation. Answers the ids
 * it completed; an attempt that no longer holds its job (deleted, or expired and retried meanwhile)
 * changes nothing.
 */
export async function completeAndRelease(
  context: JobContext,
  attempts: readonly SucceededAttempt[],
): Promise<ReadonlySet<string>> {
  if (attempts.length === 0) return new Set();
  const { db, boss, schemas } = context;
  return db.transaction(async (tx) => {
    await lockParents(
      tx,
      attempts.map((attempt) => attempt.id),
    );
    // pg-boss's own per-output completion (plans.completeJobsWithOutputs of the pinned version, the
    // statement its worker settles a batch with), fenced to the attempt (still active, same retry
    // count), with the release and the continuations taken in the same statement. The locks were
    // taken by the statement before, so this one's snapshot sees every continuation added before.
    const input = attempts.map(({ id, retryCount, output }) => ({ id, retry_count: retryCount, output }));
    const [result] = await tx.query<{ completed: string[] | null; continuations: Continuation[] | null }>(
      `WITH input AS (
         SELECT * FROM json_to_recordset($2::text::json) AS x (id uuid, retry_count int, output jsonb)
       ),
       completed AS (
         UPDATE ${schemas.boss}.job j
         SET completed_on = ${schemas.boss}.job_now(), state = 'completed', output = i.output
         FROM input i
         WHERE j.name = $1 AND j.id = i.id AND j.state = 'active' AND j.retry_count = i.retry_count
         RETURNING j.id
       ),
       released AS (
         INSERT INTO ${schemas.server}.released (job_id) SELECT id FROM completed ON CONFLICT DO NOTHING
       ),
       continued AS (
         DELETE FROM ${schemas.server}.continuation c USING completed
         WHERE c.parent_id = completed.id
         RETURNING c.id::text, c.data, c.options
       )
       SELECT (SELECT array_agg(id::text) FROM completed) AS completed,
         (SELECT json_agg(continued) FROM continued) AS continuations`,
      [reportQueue, JSON.stringify(input)],
    );
    for (const row of result?.continuations ?? []) {
      await boss.send(reportQueue, row.data, { ...row.options, id: row.id, db: tx.boss });
    }
    return new Set(result?.completed ?? []);
  });
}

/**
 * Deletes the continuations of `jobId`, and theirs, all the way down (Hangfire deletes them with
 * their parent); answers their ids.
 */
export async function dropContinuations(tx: SqlTransaction, schemas: JobSchemas, jobId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `WITH RECURSIVE doomed AS (
       SELECT id FROM ${schemas.server}.continuation WHERE parent_id = $1::uuid
       UNION SELECT c.id FROM ${schemas.server}.continuation c JOIN doomed d ON c.parent_id = d.id
     )
     DELETE FROM ${schemas.server}.continuation WHERE id IN (SELECT id FROM doomed) RETURNING id::text`,
    [jobId],
  );
  return rows.map((row) => row.id);
}
