import assert from 'node:assert/strict';
import test from 'node:test';
import { defineSaga } from './saga.ts';
import { permanentError } from '@eventflow/bus';
import { defaultRetry, defaultTimeoutMs, defineStep } from './step.ts';

const action = () => Promise.resolve(null);

test('defineStep fills the default policy, uses the step policy for its compensation, and checks both', () => {
  const step = defineStep({ name: 'reserve', action });
  const { retryable, ...data } = step.policy;
  assert.deepEqual(data, { retry: defaultRetry, timeoutMs: defaultTimeoutMs });
  assert.equal(retryable(new Error('network down')), true);
  assert.equal(step.undoable, true);
  assert.equal('compensate' in step, false);
  const custom = defineStep({
    name: 'pay',
    action,
    compensate: () => Promise.resolve(),
    undoable: false,
    policy: { timeoutMs: 500, retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100 } },
  });
  assert.deepEqual(custom.compensationPolicy, custom.policy);
  assert.deepEqual(
    custom.policy.retry,
    { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100, multiplier: 2, jitter: 'full' },
    'a field left out takes RetryPolicy’s default',
  );
  assert.equal(custom.undoable, false);
  assert.throws(() => defineStep({ name: 'bad', action, policy: { timeoutMs: 0 } }), { code: 'SAGA.INVALID_ARGUMENT' });
  assert.throws(
    () => defineStep({ name: 'bad', action, policy: { retry: { maxAttempts: 0, initialDelayMs: 1, maxDelayMs: 1 } } }),
    { code: 'SAGA.INVALID_ARGUMENT' },
  );
  assert.throws(() => defineStep({ name: 'has space', action }), { code: 'SAGA.INVALID_ARGUMENT' });
  assert.throws(
    () => defineStep({ name: 'bad', action, policy: { retryable: true as unknown as () => boolean } }),
    /policy.retryable must be a function/,
  );
});

test('the saga marks permanent errors with the bus’s one marker; a step’s policy.retryable decides for others', () => {
  const refused = permanentError('card declined', { code: 'PAYMENT.DECLINED' });
  assert.equal(refused.retryable, false);
  assert.equal(refused.code, 'PAYMENT.DECLINED');
  assert.equal(refused.name, 'PermanentError');
  const retryOnlyTimeouts = (error: unknown) => (error as { code?: string }).code === 'SAGA.STEP_TIMEOUT';
  const step = defineStep({ name: 'pay', action, policy: { retryable: retryOnlyTimeouts } });
  assert.equal(step.compensationPolicy.retryable, retryOnlyTimeouts);
});

test('defineSaga refuses no steps, duplicate step names and illegal names', () => {
  const a = defineStep({ name: 'a', action });
  assert.equal(defineSaga({ name: 'ok', steps: [a] }).steps.length, 1);
  assert.throws(() => defineSaga({ name: 'empty', steps: [] }), { code: 'SAGA.INVALID_ARGUMENT' });
  assert.throws(() => defineSaga({ name: 'twice', steps: [a, a] }), /two steps named a/);
  assert.throws(() => defineSaga({ name: 'no/slash', steps: [a] }), { code: 'SAGA.INVALID_ARGUMENT' });
});
