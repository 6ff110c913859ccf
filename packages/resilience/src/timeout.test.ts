import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import { createPolicy, type ResilienceError } from './index.ts';

describe('timeout', () => {
  test('cuts an attempt short at timeoutMs with RESILIENCE.TIMEOUT and aborts its signal (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const registry = createServiceMetrics({ service: 'test', defaultMetrics: false });
    const policy = createPolicy({ timeoutMs: 500 }, { name: 'slow', metrics: registry });
    let seen: AbortSignal | undefined;
    const call = policy.execute((signal) => {
      seen = signal;
      return new Promise<never>(() => undefined); // ignores its signal: the timeout still returns
    });
    t.mock.timers.tick(499);
    assert.equal(seen?.aborted, false);
    t.mock.timers.tick(1);
    await assert.rejects(call, (error: ResilienceError) => {
      assert.equal(error.code, 'RESILIENCE.TIMEOUT');
      assert.equal(error.status, 504);
      assert.equal(error.policy, 'slow');
      return true;
    });
    assert.equal(seen?.aborted, true);
    assert.equal(
      await metricValue(registry.registry, 'resilience_rejections_total', { name: 'slow', reason: 'timeout' }),
      1,
    );
  });

  test('a timed-out attempt is retried like any failure', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const policy = createPolicy(
      { timeoutMs: 500, retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0, jitter: 'none' } },
      { name: 'slow' },
    );
    let calls = 0;
    const call = policy.execute(() =>
      ++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve('second'),
    );
    t.mock.timers.tick(500);
    await new Promise<void>((resolve) => setImmediate(resolve));
    t.mock.timers.tick(0);
    assert.equal(await call, 'second');
    assert.equal(calls, 2);
  });
});
