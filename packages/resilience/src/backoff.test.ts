import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, resolveRetryPolicy } from '@eventflow/bus';
import { backoffOf } from './backoff.ts';

const retry = resolveRetryPolicy({
  maxAttempts: 6,
  initialDelayMs: 100,
  maxDelayMs: 1000,
  multiplier: 3,
  jitter: 'none',
});

function pauses(hint?: (failure: unknown) => number | undefined): number[] {
  const factory = backoffOf(retry, undefined, hint);
  const durations: number[] = [];
  let next = factory.next({ attempt: 1, result: { error: new Error('x') }, signal: new AbortController().signal });
  for (let n = 0; n < 4; n++) {
    durations.push(next.duration);
    next = next.next({ attempt: n + 2, result: { error: new Error('x') }, signal: new AbortController().signal });
  }
  return durations;
}

test('the cockatiel backoff is the bus’s backoffDelay, pause by pause', () => {
  assert.deepEqual(
    pauses(),
    [1, 2, 3, 4].map((n) => backoffDelay(retry, n)),
  );
  assert.deepEqual(pauses(), [100, 300, 900, 1000]);
});

test('a hint (Retry-After) lengthens a pause, never beyond maxDelayMs', () => {
  assert.deepEqual(
    pauses(() => 500),
    [500, 500, 900, 1000],
  );
  assert.deepEqual(
    pauses(() => 60_000),
    [1000, 1000, 1000, 1000],
  );
});
