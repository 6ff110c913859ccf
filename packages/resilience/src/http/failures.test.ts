import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkError } from '../testing/index.ts';
import { isIdempotentMethod, isNetworkError, isRetryableStatus, retryAfterMs } from '../index.ts';

test('retryable statuses: 408, 429 and 5xx only', () => {
  assert.deepEqual([200, 400, 404, 408, 409, 429, 500, 503].filter(isRetryableStatus), [408, 429, 500, 503]);
});

test('network errors are told from programming errors', () => {
  assert.equal(isNetworkError(networkError()), true);
  assert.equal(isNetworkError(new DOMException('timed out', 'TimeoutError')), true);
  assert.equal(isNetworkError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })), true);
  assert.equal(isNetworkError(new TypeError('Failed to parse URL from nope')), false);
  assert.equal(isNetworkError('fetch failed'), false);
});

test('idempotent methods by RFC 9110', () => {
  assert.deepEqual(['GET', 'put', 'DELETE', 'POST', 'PATCH'].map(isIdempotentMethod), [true, true, true, false, false]);
});

test('Retry-After in seconds or as an HTTP date', () => {
  const now = Date.parse('2025-09-10T08:30:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('Wed, 10 Sep 2025 08:30:05 GMT', now), 5000);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.equal(retryAfterMs('-1', now), undefined);
  assert.equal(retryAfterMs('soon', now), undefined);
});
