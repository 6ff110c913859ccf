import { randomUUID } from 'node:crypto';
import type { SqlTransaction } from '../db/database.ts';
import { jobErrors } from '../errors.ts';
import type { JobContext } from '../queue/job-context.ts';
import { isSafeId, reportQueue, type ReportJobData, type ReportRequest } from '../queue/report-job.ts';
import { bossRetryOptions, mergePolicy, type RetryPolicy } from '../queue/retry-policy.ts';
import { addContinuationIn, type SendOptions } from './continuations.ts';
import { claimKeys, describeKey, enqueueKeys, fingerprint, releaseKeys, type KeyHolder } from './idempotency.ts';
import { findJob } from './job-queries.ts';

/** One report job to enqueue: now (fire-and-forget), later, or after another job succeeded. */
export interface EnqueueCommand {
  readonly report: ReportRequest;
  readonly correlationId: string;
  /** The client's Idempotency-Key: a retry with it answers the first job, whatever its correlation id. */
  readonly idempotencyKey?: string;
  /** Run no sooner than this many seconds from now. */
  readonly delaySeconds?: number;
  /** Run no sooner than this time (in the past: now). */
  readonly runAt?: Date;
  /** Run only after this job succeeded. */
  readonly continueAfter?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** The recurring job this one is an occurrence of (trigger-now). */
  readonly recurringId?: string;
}

/** The job an enqueue answers: made now, or the one its keys already named (a retried request). */
export interface Enqueued {
  readonly id: string;
  readonly created: boolean;
}

/** The furthest a job is put off, by delaySeconds (its schema's maximum) or by runAt. */
const furthestDelayMs = 31_536_000 * 1000;

function checkTiming({ delaySeconds, runAt, continueAfter }: EnqueueCommand): void {
  if (runAt !== undefined && runAt.getTime() > Date.now() + furthestDelayMs) {
    throw jobErrors.runAtTooFar(runAt, new Date(Date.now() + furthestDelayMs));
  }
  if (delaySeconds !== undefined && runAt !== undefined) {
    throw jobErrors.conflictingTiming('Give delaySeconds or runAt, not both');
  }
  if (continueAfter !== undefined && (delaySeconds !== undefined || runAt !== undefined)) {
    throw jobErrors.conflictingTiming(
      'A continuation runs when its parent succeeds: it takes no delaySeconds or runAt',
    );
  }
}

/** What makes two enqueues the same request: everything asked for, not when or under which id. */
function requestOf(command: EnqueueCommand): unknown {
  const { report, delaySeconds, runAt, continueAfter, retry, recurringId } = command;
  return {
    report,
    delaySeconds,
    runAt: runAt?.toISOString(),
    continueAfter: continueAfter?.toLowerCase(),
    retry,
    recurringId,
  };
}

/**
 * Enqueues the job and answers it. Idempotent: the keys the request comes with (its correlation id,
 * and an Idempotency-Key) are claimed in the transaction that creates the job, so a retry, or the
 * same request sent twice at once, answers the first job (`created: false`); the same key with
 * another request is a 409. Bad input throws before anything is written.
 */
export async function enqueueReport(context: JobContext, command: EnqueueCommand): Promise<Enqueued> {
  if (!isSafeId(command.correlationId)) throw jobErrors.unsafeCorrelationId(command.correlationId);
  checkTiming(command);
  const keys = enqueueKeys(command.correlationId, command.idempotencyKey);
  const request = fingerprint(requestOf(command));
  for (let round = 1; ; round += 1) {
    const id = randomUUID();
    const holder = await context.db.transaction(async (tx) => {
      const taken = await claimKeys(tx, context.schemas, keys, id, request);
      if (taken === undefined) await create(context, tx, id, command);
      return taken;
    });
    if (holder === undefined) return { id, created: true };
    const first = await heldBy(context, holder, request);
    if (first !== undefined) return { id: first, created: false };
    if (round === 3) throw new Error(`the job of ${describeKey(holder.key)} keeps disappearing`);
  }
}

/** The job a key names, when the request is the same; undefined when that job is gone (its key is freed). */
async function heldBy(context: JobContext, holder: KeyHolder, request: string): Promise<string | undefined> {
  const job = await findJob(context.db, context.schemas, holder.jobId);
  if (job === undefined) {
    // Removed by retention or before its keys were freed: the keys are free again.
    await releaseKeys(context.db, context.schemas, holder.jobId);
    return undefined;
  }
  if (holder.fingerprint !== request) throw jobErrors.idempotencyConflict(describeKey(holder.key), holder.jobId);
  return holder.jobId;
}

async function create(context: JobContext, tx: SqlTransaction, id: string, command: EnqueueCommand): Promise<void> {
  const { correlationId, delaySeconds, runAt, continueAfter } = command;
  const data: ReportJobData = {
    ...command.report,
    correlationId,
    generatedAt: context.now().toISOString(),
    ...(continueAfter === undefined ? {} : { continueAfter }),
    ...(command.recurringId === undefined ? {} : { recurringId: command.recurringId }),
  };
  const options: SendOptions = { id, ...bossRetryOptions(mergePolicy(context.policy, command.retry)) };
  if (continueAfter !== undefined) {
    await addContinuationIn(tx, context, continueAfter, data, options);
    return;
  }
  const startAfter = delaySeconds ?? runAt; // seconds are counted by the database's clock
  await context.boss.send(reportQueue, data, {
    ...options,
    ...(startAfter === undefined ? {} : { startAfter }),
    db: tx.boss,
  });
}
