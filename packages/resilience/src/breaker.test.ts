import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import { createPolicy, type ResilienceError } from './index.ts';

const data = { timeoutMs: 1000, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 5000 } };
const fail = () => Promise.reject(new Error('down'));
const succeed = () => Promise.resolve('up');

describe('circuit breaker', () => {
  test('opens after N failures in a row, refuses, half-opens after halfOpenAfterMs, closes on success', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2025-09-10T08:30:00Z') });
    const registry = createServiceMetrics({ service: 'test', defaultMetrics: false });
    const state = () => metricValue(registry.registry, 'circuit_breaker_state', { name: 'storage' });
    const policy = createPolicy(data, { name: 'storage', metrics: registry });
    assert.equal(await state(), 0);

    for (let i = 0; i < 3; i++) await assert.rejects(policy.execute(fail), /down/);
    assert.equal(policy.circuit, 'open');
    assert.equal(await state(), 2);

    let called = false;
    t.mock.timers.tick(2000);
    await assert.rejects(
      policy.execute(() => {
        called = true;
        return succeed();
      }),
      (error: ResilienceError) => {
        assert.equal(error.code, 'RESILIENCE.CIRCUIT_OPEN');
        assert.equal(error.retryAfterMs, 3000);
        assert.equal(error.extra['retryAfterSeconds'], 3);
        return true;
      },
    );
    assert.equal(called, false, 'an open circuit does not call');
    assert.equal(policy.retryAfterMs(), 3000);
    const refused = { name: 'storage', reason: 'circuit_open' };
    assert.equal(await metricValue(registry.registry, 'resilience_rejections_total', refused), 1);

    t.mock.timers.tick(3000);
    let probe!: (value: string) => void;
    const trial = policy.execute(() => new Promise<string>((resolve) => (probe = resolve)));
    assert.equal(policy.circuit, 'half-open');
    assert.equal(await state(), 1);
    probe('up');
    assert.equal(await trial, 'up');
    assert.equal(policy.circuit, 'closed');
    assert.equal(await state(), 0);
  });

  test('a failed trial call opens the circuit again', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const policy = createPolicy(data, { name: 'storage' });
    for (let i = 0; i < 3; i++) await assert.rejects(policy.execute(fail));
    t.mock.timers.tick(5000);
    await assert.rejects(policy.execute(fail), /down/);
    assert.equal(policy.circuit, 'open');
    assert.equal(policy.retryAfterMs(), 5000);
  });

  test('a success resets the count of failures in a row', async () => {
    const policy = createPolicy(data, { name: 'storage' });
    for (const outcome of [fail, fail, succeed, fail, fail]) await policy.execute(outcome).catch(() => undefined);
    assert.equal(policy.circuit, 'closed');
  });

  test('an open circuit stops the retries of a call', async () => {
    const retry = { maxAttempts: 10, initialDelayMs: 0, maxDelayMs: 0, jitter: 'none' } as const;
    const policy = createPolicy({ ...data, retry }, { name: 'storage' });
    let calls = 0;
    const call = policy.execute(() => {
      calls++;
      return fail();
    });
    await assert.rejects(call, (error: ResilienceError) => error.code === 'RESILIENCE.CIRCUIT_OPEN');
    assert.equal(calls, 3);
  });

  test('metrics attached later start from the current state, and stop when disposed', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const policy = createPolicy(data, { name: 'storage' });
    for (let i = 0; i < 3; i++) await assert.rejects(policy.execute(fail));
    const registry = createServiceMetrics({ service: 'test', defaultMetrics: false });
    const observing = policy.observe(registry);
    assert.equal(await metricValue(registry.registry, 'circuit_breaker_state', { name: 'storage' }), 2);
    observing.dispose();
    t.mock.timers.tick(5000);
    await policy.execute(succeed);
    assert.equal(await metricValue(registry.registry, 'circuit_breaker_state', { name: 'storage' }), 2);
  });
});
