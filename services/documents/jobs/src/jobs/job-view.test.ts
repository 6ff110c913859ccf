import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewOfJob, type BossJobRow } from './job-view.ts';

const row: BossJobRow = {
  id: '7b0a4c61-6a0e-4a55-9a36-0c8f2a7b1c01',
  state: 'created',
  deferred: false,
  data: { clientId: 'c1', title: 'T', correlationId: 'corr-1', generatedAt: '2025-09-10T08:30:00.000Z' },
  output: null,
  retry_count: 0,
  retry_limit: 2,
  retry_delay: 1,
  retry_backoff: true,
  retry_delay_max: null,
  start_after: new Date('2025-09-10T08:30:00Z'),
  created_on: new Date('2025-09-10T08:30:00Z'),
  started_on: null,
  completed_on: null,
};

test('pg-boss states become the dashboard’s', () => {
  const states = (
    [
      [{ state: 'created', deferred: true }, 'scheduled'],
      [{ state: 'created' }, 'enqueued'],
      [{ state: 'retry' }, 'retrying'],
      [{ state: 'active' }, 'processing'],
      [{ state: 'completed' }, 'succeeded'],
      [{ state: 'failed' }, 'failed'],
      [{ state: 'cancelled' }, 'deleted'],
    ] as const
  ).map(([change, expected]) => [viewOfJob({ ...row, ...change }).state, expected]);
  for (const [actual, expected] of states) assert.equal(actual, expected);
});

test('attempts count started attempts; the error shows until it succeeds; a recurring occurrence is correlated by its id', () => {
  assert.equal(viewOfJob(row).attempts, 0);
  const retrying = viewOfJob({
    ...row,
    state: 'retry',
    started_on: new Date(),
    output: { error: { message: 'PDF server answered 503', status: 503 } },
  });
  assert.equal(retrying.attempts, 1);
  assert.equal(retrying.error?.status, 503);
  const succeeded = viewOfJob({ ...row, state: 'completed', retry_count: 1, started_on: new Date(), output: {} });
  assert.equal(succeeded.attempts, 2);
  assert.equal(succeeded.error, undefined);
  const occurrence = viewOfJob({ ...row, data: { clientId: 'c1', recurringId: 'nightly' } });
  assert.equal(occurrence.correlationId, row.id);
  assert.equal(occurrence.generatedAt, row.created_on.toISOString());
  assert.equal(occurrence.recurringId, 'nightly');
});

test('an attempt pg-boss failed itself (its worker stopped beating) shows as lost', () => {
  const lost = viewOfJob({
    ...row,
    state: 'retry',
    started_on: new Date(),
    output: { value: { message: 'job heartbeat timeout' } },
  });
  assert.deepEqual(lost.error, { message: 'job heartbeat timeout', code: 'JOBS.ATTEMPT_LOST' });
});
