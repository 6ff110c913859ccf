import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkpointOf, compareCheckpoints } from '../../read/checkpoint.ts';
import { readAllUntil } from '../wait.ts';
import { event, openStore, storeError, type MakeStore } from './support.ts';

export function readAllTests(makeStore: MakeStore): void {
  test('readAll pages through every stream once, in one order that keeps each stream in version order', async (t) => {
    const { store } = await openStore(t, makeStore);
    for (let round = 0; round < 4; round += 1) {
      for (const streamId of ['a-1', 'b-1', 'c-1']) {
        await store.append(streamId, [event('E', { round }), event('F', { round })], { expectedVersion: 'any' });
      }
    }
    await store.transaction(async (tx) => {
      await tx.append('a-1', [event('G', {})], { expectedVersion: 8 });
      await tx.append('d-1', [event('G', {})], { expectedVersion: 'no-stream' });
    });
    const total = 4 * 3 * 2 + 2;

    const { events, checkpoint } = await readAllUntil(store, (read) => read.length >= total, { limit: 5 });
    assert.equal(events.length, total);
    assert.equal(new Set(events.map((e) => e.messageId)).size, total);
    for (let index = 1; index < events.length; index += 1) {
      assert.ok(compareCheckpoints(checkpointOf(events[index - 1]!), checkpointOf(events[index]!)) < 0);
    }
    for (const streamId of ['a-1', 'b-1', 'c-1', 'd-1']) {
      const versions = events.filter((e) => e.streamId === streamId).map((e) => e.version);
      assert.deepEqual(
        versions,
        versions.map((_, index) => index + 1),
      );
    }
    assert.deepEqual(checkpoint, checkpointOf(events.at(-1)!));
    assert.deepEqual((await store.readAll({ after: checkpoint })).events, []);
  });

  test('readAll refuses a bad limit or checkpoint', async (t) => {
    const { store } = await openStore(t, makeStore);
    await assert.rejects(store.readAll({ limit: 0 }), storeError('EVENTSTORE.INVALID_ARGUMENT'));
    await assert.rejects(
      store.readAll({ after: { transactionId: '1; DROP', globalPosition: 0 } }),
      storeError('EVENTSTORE.INVALID_ARGUMENT'),
    );
  });
}
