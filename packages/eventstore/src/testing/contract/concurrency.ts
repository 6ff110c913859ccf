import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleCommand } from '../../aggregate/handle-command.ts';
import { loadAggregate } from '../../aggregate/load.ts';
import { isConcurrencyConflict } from '../../errors.ts';
import type { EventStore } from '../../store/types.ts';
import { counterDecider } from '../counter.ts';
import { event, openStore, storeError, type MakeStore } from './support.ts';

const writers = 50;
const each = Array.from({ length: writers }, (_, index) => index);

interface Attempt {
  readonly writer: number;
  readonly expected: number;
  /** The stream's version the conflict reported; undefined for a success. */
  readonly actual?: number;
}

/** Reads the version, appends expecting it, and on a conflict does it again. */
async function readThenAppend(store: EventStore, streamId: string, writer: number, attempts: Attempt[]): Promise<void> {
  for (let attempt = 1; attempt <= writers; attempt += 1) {
    const expected = await store.streamVersion(streamId);
    try {
      await store.append(streamId, [event('Written', { writer, attempt })], { expectedVersion: expected });
      attempts.push({ writer, expected });
      return;
    } catch (error) {
      if (!isConcurrencyConflict(error)) throw error;
      attempts.push({ writer, expected, actual: error.details['actual'] as number });
    }
  }
  throw new Error(`writer ${writer} never got through: a conflict was reported without a competing success`);
}

export function concurrencyTests(makeStore: MakeStore): void {
  test(`${writers} concurrent writers expecting no-stream: exactly one wins, the rest conflict at version 1`, async (t) => {
    const { store } = await openStore(t, makeStore);
    const outcomes = await Promise.allSettled(
      each.map((writer) => store.append('race-1', [event('Claimed', { writer })], { expectedVersion: 'no-stream' })),
    );
    const winners = each.filter((writer) => outcomes[writer]!.status === 'fulfilled');
    assert.equal(winners.length, 1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        assert.ok(storeError('EVENTSTORE.VERSION_CONFLICT', { expected: 'no-stream', actual: 1 })(outcome.reason));
      }
    }
    const stored = await store.readStream('race-1');
    assert.deepEqual(
      stored.map((e) => e.data),
      [{ writer: winners[0] }],
    );
  });

  test(`${writers} concurrent read-then-append writers lose nothing; conflicts come exactly when the stream moved`, async (t) => {
    const { store } = await openStore(t, makeStore);
    const attempts: Attempt[] = [];
    await Promise.all(each.map((writer) => readThenAppend(store, 'race-2', writer, attempts)));

    const stored = await store.readStream('race-2');
    assert.deepEqual(
      stored.map((e) => e.version),
      each.map((index) => index + 1),
    );
    const writtenBy = stored.map((e) => (e.data as { writer: number }).writer);
    assert.deepEqual(
      [...writtenBy].sort((a, b) => a - b),
      each,
    );

    const successes = attempts.filter((a) => a.actual === undefined);
    // Every version was won by exactly one writer, the one whose event sits right after it.
    assert.deepEqual(
      successes.map((a) => a.expected).sort((a, b) => a - b),
      each,
    );
    for (const success of successes) assert.equal(writtenBy[success.expected], success.writer);
    // Every refusal saw the stream past the version its writer had read, and never beyond the end.
    const conflicts = attempts.filter((a) => a.actual !== undefined);
    assert.ok(conflicts.length > 0, 'the writers raced');
    for (const conflict of conflicts) assert.ok(conflict.actual! > conflict.expected && conflict.actual! <= writers);
  });

  test(`${writers} concurrent multi-event appends with 'any': every event kept, each batch contiguous`, async (t) => {
    const { store } = await openStore(t, makeStore);
    const results = await Promise.all(
      each.map((writer) =>
        store.append(
          'race-3',
          [0, 1, 2].map((n) => event('Batch', { writer, n })),
          { expectedVersion: 'any' },
        ),
      ),
    );
    const stored = await store.readStream('race-3');
    assert.equal(stored.length, writers * 3);
    assert.deepEqual(
      stored.map((e) => e.version),
      stored.map((_, index) => index + 1),
    );
    for (const result of results) {
      const versions = result.events.map((e) => e.version);
      const [first] = versions;
      assert.deepEqual(versions, [first, first! + 1, first! + 2]);
      assert.equal(result.nextExpectedVersion, first! + 2);
      for (const appended of result.events) assert.deepEqual(stored[appended.version - 1]!.data, appended.data);
    }
  });

  test(`${writers} concurrent commands through handleCommand: no increment lost`, async (t) => {
    const { store } = await openStore(t, makeStore);
    const retry = { maxAttempts: writers, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' } as const;
    const results = await Promise.all(
      each.map(() => handleCommand(store, 'counter-race', counterDecider, { type: 'Increment', by: 1 }, { retry })),
    );
    const loaded = await loadAggregate(store, 'counter-race', counterDecider);
    assert.deepEqual(loaded.state, { value: writers, increments: writers });
    assert.equal(loaded.version, writers);
    assert.deepEqual(
      results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b),
      each.map((n) => n + 1),
    );
  });
}
