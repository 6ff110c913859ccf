import assert from 'node:assert/strict';
import { test } from 'node:test';
import { counterDecider, counterLimit, type CounterEvent } from './counter.ts';
import { deciderSpec } from './decider-spec.ts';

const { givenEvents } = deciderSpec(counterDecider);
const incremented = (by: number): CounterEvent => ({ type: 'CounterIncremented', data: { by } });

test('given/when/then: the counter decides from the events so far', () => {
  givenEvents()
    .when({ type: 'Increment', by: 2 })
    .then([incremented(2)]);
  givenEvents(incremented(2))
    .when({ type: 'Reset', reason: 'audit' })
    .then([{ type: 'CounterReset', data: { reason: 'audit' } }]);
  givenEvents().when({ type: 'Reset', reason: 'nothing to reset' }).then([]);
  givenEvents(incremented(counterLimit - 1))
    .when({ type: 'Increment', by: 2 })
    .thenThrows('COUNTER.LIMIT_REACHED');
  givenEvents().when({ type: 'Increment', by: -1 }).thenThrows('COUNTER.INVALID_STEP');
  givenEvents(incremented(2), incremented(3)).when({ type: 'Increment', by: 1 }).thenState({ value: 6, increments: 3 });
});

test('the helpers fail when the decider does something else', () => {
  assert.throws(
    () =>
      givenEvents()
        .when({ type: 'Increment', by: 2 })
        .then([incremented(3)]),
    assert.AssertionError,
  );
  assert.throws(() => givenEvents().when({ type: 'Increment', by: 2 }).thenThrows('COUNTER.LIMIT_REACHED'));
  assert.throws(
    () => givenEvents(incremented(counterLimit)).when({ type: 'Increment', by: 1 }).thenThrows('COUNTER.INVALID_STEP'),
    assert.AssertionError,
  );
});

test('awaiting when(…) by mistake fails with a clear message instead of passing', async () => {
  await assert.rejects(
    (async () => {
      // TypeScript refuses this await (TS1320); plain JavaScript, or a cast, gets here.
      await (givenEvents().when({ type: 'Increment', by: 2 }) as unknown);
    })(),
    /do not await/,
  );
});
