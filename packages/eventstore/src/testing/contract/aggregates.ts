import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleCommand } from '../../aggregate/handle-command.ts';
import { loadAggregate } from '../../aggregate/load.ts';
import { aggregateStateAt } from '../../aggregate/time-travel.ts';
import type { RecordedEvent } from '../../events/types.ts';
import { counterDecider, type CounterEvent } from '../counter.ts';
import { openStore, type MakeStore } from './support.ts';

const increment = (by: number) => ({ type: 'Increment', by }) as const;

/** The counter's value after these stored events. */
function valueAfter(events: readonly RecordedEvent[]): number {
  return events.reduce(
    (state, e) => counterDecider.evolve(state, e as unknown as CounterEvent),
    counterDecider.initialState(),
  ).value;
}

export function aggregateTests(makeStore: MakeStore): void {
  test('handleCommand loads, decides and appends at the loaded version; a refusal appends nothing', async (t) => {
    const { store } = await openStore(t, makeStore);
    const first = await handleCommand(store, 'counter-1', counterDecider, increment(5));
    assert.deepEqual([first.state, first.nextExpectedVersion, first.attempts], [{ value: 5, increments: 1 }, 1, 1]);
    assert.deepEqual(
      first.events.map((e) => [e.type, e.data]),
      [['CounterIncremented', { by: 5 }]],
    );
    await assert.rejects(handleCommand(store, 'counter-1', counterDecider, increment(1000)), {
      code: 'COUNTER.LIMIT_REACHED',
    });
    const reset = await handleCommand(store, 'counter-2', counterDecider, { type: 'Reset', reason: 'noop' });
    assert.deepEqual([reset.events, reset.nextExpectedVersion], [[], 0]);
    assert.equal(await store.streamVersion('counter-1'), 1);
    assert.equal(await store.streamVersion('counter-2'), 0);
  });

  test('snapshots by policy: every N events per stream type; the loader starts from the latest one', async (t) => {
    const { withOptions, target } = await openStore(t, makeStore);
    const store = withOptions({ snapshotPolicies: { counter: { every: 3 } } });
    for (let n = 0; n < 7; n += 1) await handleCommand(store, 'counter-9', counterDecider, increment(1));
    await handleCommand(store, 'other-9', counterDecider, increment(1));
    const saved = await target.executor.query<{ stream_id: string; version: string }>(
      `SELECT stream_id, version::text AS version FROM "${target.schema}".snapshots ORDER BY version`,
    );
    assert.deepEqual(
      saved.map((row) => [row.stream_id, Number(row.version)]),
      [
        ['counter-9', 3],
        ['counter-9', 6],
      ],
    );
    const loaded = await loadAggregate(store, 'counter-9', counterDecider);
    assert.deepEqual(loaded, { state: { value: 7, increments: 7 }, version: 7, snapshotVersion: 6, eventsApplied: 1 });

    // Proof the loader reads the snapshot: a doctored one shows through.
    await store.saveSnapshot('counter-9', { version: 6, state: { value: 600, increments: 6 } });
    assert.deepEqual((await loadAggregate(store, 'counter-9', counterDecider)).state, { value: 601, increments: 7 });
    // A new state shape ignores old snapshots; a type without a policy never reads them.
    const reshaped = withOptions({ snapshotPolicies: { counter: { every: 3, stateVersion: 2 } } });
    const rebuilt = await loadAggregate(reshaped, 'counter-9', counterDecider);
    assert.deepEqual([rebuilt.state.value, rebuilt.eventsApplied, rebuilt.snapshotVersion], [7, 7, undefined]);
    const unpolicied = await loadAggregate(withOptions({}), 'counter-9', counterDecider);
    assert.equal(unpolicied.eventsApplied, 7);
  });

  test('time travel: the state as of a global position or a time', async (t) => {
    const { withOptions } = await openStore(t, makeStore);
    const store = withOptions({ snapshotPolicies: { counter: { every: 2 } } });
    for (const by of [1, 2, 3, 4, 5]) {
      await handleCommand(store, 'counter-tt', counterDecider, increment(by));
      await handleCommand(store, 'counter-noise', counterDecider, increment(1));
    }
    const events = await store.readStream('counter-tt');
    for (const [index, stored] of events.entries()) {
      const atPosition = await aggregateStateAt(store, 'counter-tt', counterDecider, {
        position: stored.globalPosition,
      });
      assert.deepEqual(
        [atPosition.version, atPosition.state.value],
        [index + 1, valueAfter(events.slice(0, index + 1))],
      );
      // Events recorded in the same millisecond are indistinguishable by time: all of them count.
      const upToThen = events.filter((e) => e.recordedAt <= stored.recordedAt);
      const atTime = await aggregateStateAt(store, 'counter-tt', counterDecider, { time: stored.recordedAt });
      assert.deepEqual([atTime.version, atTime.state.value], [upToThen.length, valueAfter(upToThen)]);
    }
    const before = await aggregateStateAt(store, 'counter-tt', counterDecider, { time: new Date(0) });
    assert.deepEqual([before.version, before.state], [0, counterDecider.initialState()]);
    const atFirst = await aggregateStateAt(store, 'counter-tt', counterDecider, {
      position: events[0]!.globalPosition,
    });
    assert.equal(atFirst.snapshotVersion, undefined, 'a snapshot after the point is not used');
  });
}
