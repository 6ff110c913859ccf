import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPermanent, permanentError } from './errors.ts';

test('an error is permanent when made by permanentError or when it says retryable: false', () => {
  const declined = permanentError('card declined', { code: 'PAYMENT.DECLINED', cause: new Error('402') });
  assert.equal(isPermanent(declined), true);
  assert.ok(declined instanceof Error);
  assert.equal(declined.name, 'PermanentError');
  assert.equal(declined.code, 'PAYMENT.DECLINED');
  assert.equal((declined.cause as Error).message, '402');
  assert.equal(isPermanent(Object.assign(new Error('4xx'), { retryable: false })), true);
  assert.equal(isPermanent(Object.assign(new Error('5xx'), { retryable: true })), false);
  assert.equal(isPermanent(new Error('network down')), false);
  assert.equal(isPermanent('a string'), false);
  assert.equal(isPermanent(null), false);
});
