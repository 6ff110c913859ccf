import { ServiceError } from '@eventflow/service';

/** The job server's typed errors, each with a stable code; the kit turns them into problem+json. */
export const jobErrors = {
  notFound: (id: string) =>
    new ServiceError('JOBS.NOT_FOUND', 404, 'Job not found', `No job has id ${id}`, { jobId: id }),
  unknownParent: (id: string) =>
    new ServiceError('JOBS.UNKNOWN_PARENT', 422, 'Unknown parent job', `continueAfter names no job: ${id}`, {
      continueAfter: id,
    }),
  parentDeleted: (id: string) =>
    new ServiceError('JOBS.PARENT_DELETED', 409, 'Parent job deleted', `Job ${id} was deleted: it will never succeed`, {
      continueAfter: id,
    }),
  invalidState: (id: string, state: string, action: string, allowed: readonly string[]) =>
    new ServiceError(
      'JOBS.INVALID_STATE',
      409,
      `Cannot ${action} this job`,
      `Job ${id} is ${state}; only a job that is ${allowed.join(' or ')} can be ${action === 'retry' ? 'retried' : `${action}ed`}`,
      { jobId: id, state },
    ),
  runAtTooFar: (runAt: Date, latest: Date) =>
    new ServiceError(
      'JOBS.RUN_AT_TOO_FAR',
      400,
      'Run time too far ahead',
      `runAt ${runAt.toISOString()} is more than a year ahead (the latest is ${latest.toISOString()}, as for delaySeconds)`,
    ),
  conflictingTiming: (detail: string) => new ServiceError('JOBS.CONFLICTING_TIMING', 400, 'Conflicting timing', detail),
  unsafeCorrelationId: (id: string) =>
    new ServiceError(
      'JOBS.UNSAFE_CORRELATION_ID',
      400,
      'Correlation id not usable for a document',
      `The correlation id names the stored PDF: 1-100 of A-Z a-z 0-9 . _ - (got ${JSON.stringify(id.slice(0, 140))})`,
    ),
  invalidCron: (cron: string, reason: string) =>
    new ServiceError('JOBS.INVALID_CRON', 400, 'Invalid cron expression', `${cron}: ${reason}`, { cron }),
  recurringNotFound: (id: string) =>
    new ServiceError('JOBS.RECURRING_NOT_FOUND', 404, 'Recurring job not found', `No recurring job has id ${id}`, {
      recurringId: id,
    }),
  idempotencyConflict: (key: string, jobId: string) =>
    new ServiceError(
      'JOBS.IDEMPOTENCY_CONFLICT',
      409,
      'Key already used by another request',
      `${key} belongs to job ${jobId}, enqueued with another request: retry with the same request to get that job, or use a key of its own for a new one`,
      { jobId },
    ),
  notReady: (reason: string) =>
    new ServiceError('JOBS.NOT_READY', 503, 'Job server not ready', `The job database is not open: ${reason}`),
};
