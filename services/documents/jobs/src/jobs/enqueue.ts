import { randomUUID } from 'node:crypto';
import { jobErrors } from '../errors.ts';
import type { JobContext } from '../queue/job-context.ts';
import { isSafeId, reportQueue, type ReportJobData, type ReportRequest } from '../queue/report-job.ts';
import { bossRetryOptions, mergePolicy, type RetryPolicy } from '../queue/retry-policy.ts';
import { addContinuation } from './continuations.ts';

/** One report job to enqueue: now (fire-and-forget), later, or after another job succeeded. */
export interface EnqueueCommand {
  readonly report: ReportRequest;
  readonly correlationId: string;
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

/** Enqueues the job and answers its id. Bad input throws before anything is written. */
export async function enqueueReport(context: JobContext, command: EnqueueCommand): Promise<string> {
  const { correlationId, delaySeconds, runAt, continueAfter } = command;
  if (!isSafeId(correlationId)) throw jobErrors.unsafeCorrelationId(correlationId);
  if (delaySeconds !== undefined && runAt !== undefined) {
    throw jobErrors.conflictingTiming('Give delaySeconds or runAt, not both');
  }
  if (continueAfter !== undefined && (delaySeconds !== undefined || runAt !== undefined)) {
    throw jobErrors.conflictingTiming(
      'A continuation runs when its parent succeeds: it takes no delaySeconds or runAt',
    );
  }
  const id = randomUUID();
  const data: ReportJobData = {
    ...command.report,
    correlationId,
    generatedAt: context.now().toISOString(),
    ...(continueAfter === undefined ? {} : { continueAfter }),
    ...(command.recurringId === undefined ? {} : { recurringId: command.recurringId }),
  };
  const options = { id, ...bossRetryOptions(mergePolicy(context.policy, command.retry)) };
  if (continueAfter !== undefined) {
    await addContinuation(context, continueAfter, data, options);
    return id;
  }
  const startAfter = delaySeconds ?? runAt; // seconds are counted by the database's clock
  await context.boss.send(reportQueue, data, { ...options, ...(startAfter === undefined ? {} : { startAfter }) });
  return id;
}
