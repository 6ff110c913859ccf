import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '@eventflow/bus';
import { retrying, type RetryPolicy } from './retry.ts';

const immediate: RetryPolicy = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' };
const retryable = (error: unknown) => error instanceof Error && error.message === 'again';

test('retrying tries again while the error is retryable, up to maxAttempts', async () => {
  const attempts: number[] = [];
  const result = await retrying(immediate, retryable, (attempt) => {
    attempts.push(attempt);
    return attempt < 3 ? Promise.reject(new Error('again')) : Promise.resolve('done');
  });
  assert.equal(result, 'done');
  assert.deepEqual(attempts, [1, 2, 3]);

  let tries = 0;
  await assert.rejects(
    retrying(immediate, retryable, () => {
      tries += 1;
      return Promise.reject(new Error('again'));
    }),
    /again/,
  );
  assert.equal(tries, 3);
});

test('an error the policy does not retry is thrown at once', async () => {
  let tries = 0;
  await assert.rejects(
    retrying(immediate, retryable, () => {
      tries += 1;
      return Promise.reject(new Error('business rule'));
    }),
    /business rule/,
  );
  assert.equal(tries, 1);
  await assert.rejects(
    retrying({ ...immediate, maxAttempts: 0 }, retryable, () => Promise.resolve(1)),
    RangeError,
  );
});

test('delays grow by the multiplier up to the cap; full jitter draws below it', () => {
  const policy: RetryPolicy = { maxAttempts: 9, initialDelayMs: 10, maxDelayMs: 50, multiplier: 2, jitter: 'none' };
  assert.deepEqual(
    [1, 2, 3, 4].map((attempt) => backoffDelay(policy, attempt)),
    [10, 20, 40, 50],
  );
  assert.equal(
    backoffDelay({ ...policy, jitter: 'full' }, 3, () => 0.5),
    20,
  );
});
