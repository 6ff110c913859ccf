import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReadiness } from './readiness.ts';

test('checks run side by side, and one that never answers is down once the timeout passes', async () => {
  const secondStarted = Promise.withResolvers<void>();
  const results = await checkReadiness(
    [
      // Answers only once the next check has started: it can pass only if they run side by side.
      { name: 'first', check: () => secondStarted.promise.then(() => 'saw second start') },
      {
        name: 'second',
        check: () => {
          secondStarted.resolve();
          return Promise.resolve('pong');
        },
      },
      { name: 'stuck', check: () => new Promise<string>(() => {}) },
    ],
    50,
  );

  assert.deepEqual(results, [
    { name: 'first', status: 'up', detail: 'saw second start' },
    { name: 'second', status: 'up', detail: 'pong' },
    { name: 'stuck', status: 'down', detail: 'no answer within 50 ms' },
  ]);
});

test('a check that throws instead of rejecting is down too', async () => {
  const broken = {
    name: 'broken',
    check(): Promise<string> {
      throw new Error('not configured');
    },
  };

  assert.deepEqual(await checkReadiness([broken], 1000), [
    { name: 'broken', status: 'down', detail: 'not configured' },
  ]);
});
