import assert from 'node:assert/strict';
import { setImmediate as flushed } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import { resilientHttp, type PolicyData, type ResilienceError } from '../index.ts';
import { scriptedFetch, type ScriptStep } from '../testing/index.ts';

const data: PolicyData = {
  timeoutMs: 1000,
  retry: { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, jitter: 'none' },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
};

function client(steps: readonly ScriptStep[], policy: PolicyData = data) {
  const fetch = scriptedFetch(steps);
  const registry = createServiceMetrics({ service: 'test', defaultMetrics: false });
  const http = resilientHttp(policy, { name: 'upstream', fetch, metrics: registry });
  return { fetch, http, registry: registry.registry };
}

describe('resilientHttp', () => {
  test('retries 5xx, 408 and 429 and returns the first good answer, body and all', async () => {
    const { fetch, http, registry } = client([{ status: 503 }, { status: 429 }, { status: 200, body: { ok: true } }]);
    const response = await http('http://upstream/x');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    assert.equal(fetch.calls.length, 3);
    assert.equal(await metricValue(registry, 'resilience_retries_total', { name: 'upstream' }), 2);
  });

  for (const status of [400, 401, 404, 409, 413, 422]) {
    test(`never retries a ${status}: it is an answer`, async () => {
      const { fetch, http } = client([{ status, body: { code: 'NOPE' } }, { status: 200 }]);
      const response = await http('http://upstream/x');
      assert.equal(response.status, status);
      assert.deepEqual(await response.json(), { code: 'NOPE' });
      assert.equal(fetch.calls.length, 1);
    });
  }

  test('returns the last failed answer when the tries run out', async () => {
    const { fetch, http } = client([{ status: 500 }, { status: 502 }, { status: 503, body: 'still down' }]);
    const response = await http('http://upstream/x');
    assert.equal(response.status, 503);
    assert.equal(await response.text(), 'still down');
    assert.equal(fetch.calls.length, 3);
  });

  test('retries network errors and throws the last one when the tries run out', async () => {
    const { fetch, http } = client([{ fail: 'network' }]);
    await assert.rejects(http('http://upstream/x'), (error: Error) => {
      assert.equal(error.message, 'fetch failed');
      return true;
    });
    assert.equal(fetch.calls.length, 3);
  });

  test('does not repeat a POST unless it is declared idempotent', async () => {
    const once = client([{ status: 503 }, { status: 201 }]);
    assert.equal((await once.http('http://upstream/x', { method: 'POST', body: 'a' })).status, 503);
    assert.equal(once.fetch.calls.length, 1);

    const deduplicated = client([{ status: 503 }, { status: 201 }]);
    const response = await deduplicated.http('http://upstream/x', { method: 'POST', body: 'a', idempotent: true });
    assert.equal(response.status, 201);
    assert.equal(deduplicated.fetch.calls.length, 2);
  });

  test('sends a streamed body once: it cannot be replayed', async () => {
    const { fetch, http } = client([{ status: 503 }, { status: 200 }]);
    const body = new Blob(['x']).stream();
    const response = await http('http://upstream/x', { method: 'PUT', body, duplex: 'half' });
    assert.equal(response.status, 503);
    assert.equal(fetch.calls.length, 1);
  });

  test('failed answers open the circuit; then calls are refused without a request', async () => {
    const policy = { ...data, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } };
    const { fetch, http, registry } = client([{ status: 500 }], policy);
    await assert.rejects(http('http://upstream/x'), (error: ResilienceError) => {
      assert.equal(error.code, 'RESILIENCE.CIRCUIT_OPEN');
      return true;
    });
    assert.equal(fetch.calls.length, 2);
    assert.equal(http.policy.circuit, 'open');
    assert.equal(await metricValue(registry, 'circuit_breaker_state', { name: 'upstream' }), 2);
    await assert.rejects(http('http://upstream/x'), /circuit is open/);
    assert.equal(fetch.calls.length, 2);
  });

  test('a 4xx answer does not count against the circuit', async () => {
    const policy = { ...data, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } };
    const { http } = client([{ status: 404 }], policy);
    for (let i = 0; i < 3; i++) assert.equal((await http('http://upstream/x')).status, 404);
    assert.equal(http.policy.circuit, 'closed');
  });

  test('waits at least what Retry-After asks, within maxDelayMs (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const retry = { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 5000, jitter: 'none' } as const;
    const { fetch, http } = client([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }], {
      timeoutMs: 60_000,
      retry,
    });
    const response = http('http://upstream/x');
    await flushed();
    t.mock.timers.tick(1999);
    await flushed();
    assert.equal(fetch.calls.length, 1);
    t.mock.timers.tick(1);
    assert.equal((await response).status, 200);
    assert.equal(fetch.calls.length, 2);
  });

  test('a hung request times out per attempt with RESILIENCE.TIMEOUT (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { fetch, http } = client([{ fail: 'hang' }], { timeoutMs: 300 });
    const response = http('http://upstream/x');
    await fetch.called(1);
    t.mock.timers.tick(300);
    await assert.rejects(response, (error: ResilienceError) => error.code === 'RESILIENCE.TIMEOUT');
  });

  test('forwards the current correlation id', async () => {
    const { fetch, http } = client([{ status: 200 }]);
    await withCorrelation({ correlationId: 'job-42' }, () => http('http://upstream/x'));
    assert.equal(fetch.calls[0]?.headers.get('x-correlation-id'), 'job-42');
  });
});
