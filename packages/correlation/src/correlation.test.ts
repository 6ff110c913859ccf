import assert from 'node:assert/strict';
import { setImmediate } from 'node:timers/promises';
import { test } from 'node:test';
import {
  correlationHeader,
  correlationIdFrom,
  correlationIdOrNew,
  currentCorrelation,
  isValidCorrelationId,
  withCorrelation,
} from './correlation.ts';

test('the correlation flows through awaits and scheduled work, and ends with its scope', async () => {
  assert.equal(currentCorrelation(), undefined);
  await withCorrelation({ correlationId: 'c-1', causationId: 'm-0' }, async () => {
    await setImmediate();
    assert.deepEqual(currentCorrelation(), { correlationId: 'c-1', causationId: 'm-0' });
    const seen = await new Promise<string | undefined>((resolve) =>
      setTimeout(() => resolve(currentCorrelation()?.correlationId), 1),
    );
    assert.equal(seen, 'c-1');
    assert.equal(correlationIdOrNew(), 'c-1');
  });
  assert.equal(currentCorrelation(), undefined);
  assert.equal(
    correlationIdOrNew(() => 'fresh'),
    'fresh',
  );
});

test('correlation ids from outside must be short and printable', () => {
  assert.ok(isValidCorrelationId('7f3a-41c2.job:9'));
  assert.ok(!isValidCorrelationId(''));
  assert.ok(!isValidCorrelationId('has space'));
  assert.ok(!isValidCorrelationId('x'.repeat(129)));
  assert.ok(!isValidCorrelationId('../../etc/passwd'));
});

test('the correlation id is read from Node and fetch headers alike, only when valid', () => {
  assert.equal(correlationHeader, 'x-correlation-id');
  assert.equal(correlationIdFrom({ [correlationHeader]: 'job-7' }), 'job-7');
  assert.equal(correlationIdFrom(new Headers({ 'X-Correlation-Id': 'job-8' })), 'job-8');
  assert.equal(correlationIdFrom({}), undefined);
  assert.equal(correlationIdFrom({ [correlationHeader]: ['a', 'b'] }), undefined);
  assert.equal(correlationIdFrom({ [correlationHeader]: '../../etc/passwd' }), undefined);
  assert.equal(correlationIdFrom(new Headers()), undefined);
});
