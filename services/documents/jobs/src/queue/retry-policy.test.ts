import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bossRetryOptions, defaultRetryPolicy, mergePolicy } from './retry-policy.ts';

test('a request’s partial policy overrides the default, member by member', () => {
  assert.deepEqual(mergePolicy(defaultRetryPolicy, { retryLimit: 1 }), { ...defaultRetryPolicy, retryLimit: 1 });
  assert.deepEqual(mergePolicy(defaultRetryPolicy, undefined), defaultRetryPolicy);
});

test('pg-boss gets its own names, and a delay cap only with backoff', () => {
  assert.deepEqual(bossRetryOptions({ retryLimit: 3, retryDelay: 2, backoff: true, retryDelayMax: 60 }), {
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  });
  assert.deepEqual(bossRetryOptions({ retryLimit: 3, retryDelay: 2, backoff: false, retryDelayMax: 60 }), {
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: false,
  });
});
