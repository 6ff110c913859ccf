import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionConflict } from '../append/expected-version.ts';
import type { AppendOptions, NewEvent, RecordedEvent } from '../events/types.ts';
import type { EventStore } from '../store/types.ts';
import { counterDecider } from '../testing/index.ts';
import { handleCommand } from './handle-command.ts';

/** Just enough of a store for handleCommand: an empty stream whose appends conflict `conflicts` times. */
function conflictingStore(conflicts: number): { store: EventStore; expected: AppendOptions[] } {
  const expected: AppendOptions[] = [];
  let remaining = conflicts;
  const store = {
    snapshotPolicyFor: () => undefined,
    readStream: () => Promise.resolve([]),
    append(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
      expected.push(options);
      if (remaining-- > 0) return Promise.reject(versionConflict(streamId, options.expectedVersion, 1));
      const recorded = events.map((e, index) => ({ ...e, streamId, version: index + 1 }) as unknown as RecordedEvent);
      return Promise.resolve({ nextExpectedVersion: events.length, events: recorded });
    },
  };
  return { store: store as unknown as EventStore, expected };
}

const retry = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' } as const;

test('handleCommand appends at the loaded version and retries a conflict by loading again', async () => {
  const { store, expected } = conflictingStore(2);
  const result = await handleCommand(store, 'counter-1', counterDecider, { type: 'Increment', by: 2 }, { retry });
  assert.equal(result.attempts, 3);
  assert.deepEqual(result.state, { value: 2, increments: 1 });
  assert.deepEqual(
    expected.map((options) => options.expectedVersion),
    [0, 0, 0],
  );
});

test('handleCommand gives up after the policy’s attempts with the conflict', async () => {
  const { store, expected } = conflictingStore(5);
  await assert.rejects(handleCommand(store, 'counter-1', counterDecider, { type: 'Increment', by: 2 }, { retry }), {
    code: 'EVENTSTORE.VERSION_CONFLICT',
  });
  assert.equal(expected.length, 3);
});

test('handleCommand never retries the decider’s own refusal', async () => {
  const { store, expected } = conflictingStore(0);
  await assert.rejects(handleCommand(store, 'counter-1', counterDecider, { type: 'Increment', by: 0 }, { retry }), {
    code: 'COUNTER.INVALID_STEP',
  });
  assert.equal(expected.length, 0);
});
