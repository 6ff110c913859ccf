import assert from 'node:assert/strict';
import { setImmediate as flushed } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { permanentError } from '@eventflow/bus';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import { createPolicy, type PolicyData, type ResilienceError } from './index.ts';

const noDelay = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, jitter: 'none' } as const;

function failing(times: number, value = 'ok') {
  let calls = 0;
  const fn = (_signal: AbortSignal): Promise<string> =>
    ++calls <= times ? Promise.reject(new Error(`failure ${calls}`)) : Promise.resolve(value);
  return Object.assign(fn, { calls: () => calls });
}

function metrics() {
  return createServiceMetrics({ service: 'test', defaultMetrics: false });
}

describe('createPolicy', () => {
  test('retries a failing call until it succeeds, and counts the retries', async () => {
    const registry = metrics();
    const policy = createPolicy({ timeoutMs: 1000, retry: noDelay }, { name: 'svc', metrics: registry });
    const fn = failing(2);
    assert.equal(await policy.execute(fn), 'ok');
    assert.equal(fn.calls(), 3);
    assert.equal(await metricValue(registry.registry, 'resilience_retries_total', { name: 'svc' }), 2);
  });

  test('gives up after maxAttempts tries with the last error', async () => {
    const policy = createPolicy({ timeoutMs: 1000, retry: noDelay }, { name: 'svc' });
    const fn = failing(5);
    await assert.rejects(policy.execute(fn), /failure 3/);
    assert.equal(fn.calls(), 3);
  });

  test('waits the backoff between tries (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const retry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 150, multiplier: 2, jitter: 'none' } as const;
    const policy = createPolicy({ timeoutMs: 10_000, retry }, { name: 'svc' });
    const fn = failing(2);
    const result = policy.execute(fn);
    await flushed();
    assert.equal(fn.calls(), 1);
    t.mock.timers.tick(99);
    await flushed();
    assert.equal(fn.calls(), 1, 'not before 100 ms');
    t.mock.timers.tick(1);
    await flushed();
    assert.equal(fn.calls(), 2);
    t.mock.timers.tick(149);
    await flushed();
    assert.equal(fn.calls(), 2, 'the second pause is capped at maxDelayMs');
    t.mock.timers.tick(1);
    assert.equal(await result, 'ok');
    assert.equal(fn.calls(), 3);
  });

  const refusals = [
    ['an error isFailure refuses', new RangeError('bad input')],
    ['a permanent error, whatever isFailure says,', permanentError('card declined', { code: 'PAYMENT.DECLINED' })],
  ] as const;
  for (const [what, refusal] of refusals) {
    test(`${what} passes through: not retried, not counted by the breaker`, async () => {
      const policy = createPolicy(
        { timeoutMs: 1000, retry: noDelay, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 1000 } },
        { name: 'svc', isFailure: (error) => !(error instanceof RangeError) },
      );
      let calls = 0;
      await assert.rejects(
        policy.execute(() => {
          calls++;
          return Promise.reject(refusal);
        }),
        (error) => error === refusal,
      );
      assert.equal(calls, 1);
      assert.equal(policy.circuit, 'closed');
    });
  }

  test('retry: false tries once', async () => {
    const policy = createPolicy({ timeoutMs: 1000, retry: noDelay }, { name: 'svc' });
    const fn = failing(1);
    await assert.rejects(policy.execute(fn, undefined, { retry: false }), /failure 1/);
    assert.equal(fn.calls(), 1);
  });

  test('a caller that gives up gets its own reason back, and the breaker does not count it', async () => {
    const policy = createPolicy(
      { timeoutMs: 60_000, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 1000 } },
      { name: 'svc' },
    );
    const caller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const call = policy.execute(
      (signal) =>
        new Promise<never>((_resolve, reject) => {
          started();
          signal.addEventListener('abort', () => reject(new Error('aborted inside')), { once: true });
        }),
      caller.signal,
    );
    await running;
    caller.abort(new Error('caller gave up'));
    await assert.rejects(call, /caller gave up/);
    assert.equal(policy.circuit, 'closed');
  });

  test('rejects invalid policy data, naming every bad field', () => {
    const bad = { timeoutMs: 0, retry: { maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 5 } } as PolicyData;
    assert.throws(
      () => createPolicy(bad, { name: 'svc' }),
      (error: Error) =>
        error instanceof RangeError &&
        /timeoutMs/.test(error.message) &&
        /maxAttempts/.test(error.message) &&
        /maxDelayMs/.test(error.message),
    );
  });

  test('a full bulkhead refuses at once with RESILIENCE.BULKHEAD_FULL', async () => {
    const registry = metrics();
    const policy = createPolicy({ timeoutMs: 1000, bulkhead: { limit: 1 } }, { name: 'svc', metrics: registry });
    let release!: () => void;
    const first = policy.execute(() => new Promise<void>((resolve) => (release = resolve)));
    await assert.rejects(
      policy.execute(() => Promise.resolve()),
      (error: ResilienceError) => {
        assert.equal(error.code, 'RESILIENCE.BULKHEAD_FULL');
        assert.equal(error.status, 503);
        return true;
      },
    );
    release();
    await first;
    const rejected = await metricValue(registry.registry, 'resilience_rejections_total', {
      name: 'svc',
      reason: 'bulkhead_full',
    });
    assert.equal(rejected, 1);
  });
});
