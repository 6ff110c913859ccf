import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backoffDelay,
  defaultRetryPolicy,
  resolveRetryPolicy,
  validateRetryPolicy,
  type RetryPolicy,
} from './retry.ts';

const policy: RetryPolicy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, jitter: 'none' };

test('backoff grows exponentially up to its cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt)),
    [100, 200, 400, 800, 1000, 1000],
  );
});

test('full jitter draws within [0, the exponential delay]', () => {
  const jittered = { ...policy, jitter: 'full' } as const;
  assert.equal(
    backoffDelay(jittered, 3, () => 0),
    0,
  );
  assert.equal(
    backoffDelay(jittered, 3, () => 0.5),
    200,
  );
  assert.equal(
    backoffDelay(jittered, 3, () => 0.999999),
    400,
  );
});

test('nonsense policies are refused, naming every bad field', () => {
  assert.throws(() => validateRetryPolicy({ ...policy, maxAttempts: 0 }), RangeError);
  assert.throws(() => validateRetryPolicy({ ...policy, maxDelayMs: 10 }), RangeError);
  assert.throws(
    () => validateRetryPolicy({ maxAttempts: 1.5, multiplier: 0.5 }),
    (error: Error) => /maxAttempts/.test(error.message) && /multiplier/.test(error.message),
  );
  assert.deepEqual(validateRetryPolicy({ maxAttempts: Infinity }), { maxAttempts: Infinity });
});

test('a field left out takes its documented default', () => {
  assert.deepEqual(defaultRetryPolicy, {
    maxAttempts: 5,
    initialDelayMs: 100,
    maxDelayMs: 10_000,
    multiplier: 2,
    jitter: 'full',
  });
  assert.deepEqual(resolveRetryPolicy(undefined), defaultRetryPolicy);
  assert.deepEqual(resolveRetryPolicy({ maxAttempts: 2, jitter: 'none' }), {
    ...defaultRetryPolicy,
    maxAttempts: 2,
    jitter: 'none',
  });
  assert.deepEqual(
    [1, 2, 8, 9].map((attempt) => backoffDelay({ jitter: 'none' }, attempt)),
    [100, 200, 10_000, 10_000],
  );
});
