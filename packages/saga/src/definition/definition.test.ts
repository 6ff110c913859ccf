import assert from 'node:assert/strict';
import test from 'node:test';
import { defineSaga } from './saga.ts';
import { isRetryable, permanentError } from '../errors.ts';
import { defaultRetry, defaultTimeoutMs, defineStep } from './step.ts';

const action = () => Promise.resolve(null);

test('defineStep fills the default policy, uses the step policy for its compensation, and checks both', () => {
  const step = defineStep({ name: 'reserve', action });
  assert.deepEqual(step.policy, { retry: defaultRetry, timeoutMs: defaultTimeoutMs, retryable: isRetryable });
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

test('an error is retryable unless it says retryable: false (permanentError)', () => {
  assert.equal(isRetryable(new Error('network down')), true);
  assert.equal(isRetryable('a string'), true);
  assert.equal(isRetryable(Object.assign(new Error('declined'), { retryable: false })), false);
  const refused = permanentError('card declined', { code: 'PAYMENT.DECLINED' });
  assert.equal(isRetryable(refused), false);
  assert.equal(refused.code, 'PAYMENT.DECLINED');
  assert.equal(refused.name, 'PermanentStepError');
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
