import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelay } from './index.ts';

test('retryDelay grows by the multiplier up to maxDelayMs; full jitter draws within it', () => {
  const retry = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 3, jitter: 'none' } as const;
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => retryDelay(retry, n)),
    [100, 300, 900, 1000],
  );
  assert.deepEqual(
    [1, 2].map((n) => retryDelay({ ...retry, jitter: 'full' }, n, () => 0.5)),
    [50, 150],
  );
  assert.equal(retryDelay({ maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1000, jitter: 'none' }, 3), 400);
});
