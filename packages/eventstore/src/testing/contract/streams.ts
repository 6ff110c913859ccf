import assert from 'node:assert/strict';
import { test } from 'node:test';
import { event, openStore, storeError, type MakeStore } from './support.ts';

export function streamTests(makeStore: MakeStore): void {
  test('append then read: consecutive versions, version ranges, the spec names', async (t) => {
    const { store } = await openStore(t, makeStore);
    const first = await store.append('order-1', [event('Placed', { n: 1 }), event('Paid', { n: 2 })], {
      expectedVersion: 'no-stream',
    });
    assert.equal(first.nextExpectedVersion, 2);
    assert.deepEqual(
      first.events.map((e) => [e.version, e.type]),
      [
        [1, 'Placed'],
        [2, 'Paid'],
      ],
    );
    await store.saveEvents('order-1', [event('Shipped', { n: 3 })], { expectedVersion: 2 });
    const all = await store.readStream('order-1');
    assert.deepEqual(
      all.map((e) => [e.version, e.type, e.data]),
      [
        [1, 'Placed', { n: 1 }],
        [2, 'Paid', { n: 2 }],
        [3, 'Shipped', { n: 3 }],
      ],
    );
    assert.ok(all[0]!.globalPosition < all[1]!.globalPosition && all[1]!.globalPosition < all[2]!.globalPosition);
    assert.deepEqual(await store.getEvents('order-1'), all);
    assert.deepEqual(await store.getEventsFromVersion('order-1', 2), all.slice(1));
    assert.deepEqual(await store.readStream('order-1', { fromVersion: 2, toVersion: 2 }), [all[1]]);
    assert.deepEqual(await store.readStream('order-404'), []);
    assert.equal(await store.streamVersion('order-1'), 3);
    assert.equal(await store.streamVersion('order-404'), 0);
  });

  test('expected version: a number, no-stream or any; a conflict is typed and says expected and actual', async (t) => {
    const { store } = await openStore(t, makeStore);
    await store.append('cart-1', [event('Opened', {})], { expectedVersion: 'no-stream' });
    await assert.rejects(
      store.append('cart-1', [event('Opened', {})], { expectedVersion: 'no-stream' }),
      storeError('EVENTSTORE.VERSION_CONFLICT', { streamId: 'cart-1', expected: 'no-stream', actual: 1 }),
    );
    await assert.rejects(
      store.append('cart-1', [event('Added', {})], { expectedVersion: 0 }),
      storeError('EVENTSTORE.VERSION_CONFLICT', { expected: 0, actual: 1 }),
    );
    await assert.rejects(
      store.append('cart-1', [event('Added', {})], { expectedVersion: 2 }),
      storeError('EVENTSTORE.VERSION_CONFLICT', { expected: 2, actual: 1 }),
    );
    await assert.rejects(
      store.append('cart-2', [event('Added', {})], { expectedVersion: 1 }),
      storeError('EVENTSTORE.VERSION_CONFLICT', { expected: 1, actual: 0 }),
    );
    assert.equal((await store.append('cart-1', [event('Added', {})], { expectedVersion: 1 })).nextExpectedVersion, 2);
    assert.equal(
      (await store.append('cart-1', [event('Added', {})], { expectedVersion: 'any' })).nextExpectedVersion,
      3,
    );
    assert.equal(
      (await store.append('cart-3', [event('Added', {})], { expectedVersion: 'any' })).nextExpectedVersion,
      1,
    );
    assert.equal((await store.append('cart-4', [event('Added', {})], { expectedVersion: 0 })).nextExpectedVersion, 1);
    await assert.rejects(
      store.append('cart-1', [event('Added', {})], { expectedVersion: -1 }),
      storeError('EVENTSTORE.INVALID_ARGUMENT'),
    );
    assert.equal(await store.streamVersion('cart-2'), 0);
  });

  test('an append is atomic: one bad event writes none of them, not even the stream', async (t) => {
    const { store } = await openStore(t, makeStore);
    const twice = [event('A', {}, { messageId: 'm-1' }), event('B', {}, { messageId: 'm-1' })];
    await assert.rejects(
      store.append('atomic-1', twice, { expectedVersion: 'no-stream' }),
      storeError('EVENTSTORE.DUPLICATE_MESSAGE_ID'),
    );
    assert.equal(await store.streamVersion('atomic-1'), 0);
    assert.deepEqual(await store.readStream('atomic-1'), []);

    await store.append('atomic-2', [event('A', {}, { messageId: 'm-2' })], { expectedVersion: 'no-stream' });
    const reuses = [event('B', {}), event('C', {}, { messageId: 'm-2' })];
    await assert.rejects(
      store.append('atomic-2', reuses, { expectedVersion: 1 }),
      storeError('EVENTSTORE.DUPLICATE_MESSAGE_ID'),
    );
    assert.deepEqual(
      (await store.readStream('atomic-2')).map((e) => e.type),
      ['A'],
    );
    await assert.rejects(
      store.append('atomic-2', [event('B', {}), event('', {})], { expectedVersion: 1 }),
      storeError('EVENTSTORE.INVALID_ARGUMENT'),
    );
    await assert.rejects(
      store.append('atomic-2', [event('B', undefined)], { expectedVersion: 1 }),
      storeError('EVENTSTORE.INVALID_ARGUMENT'),
    );
    assert.equal(await store.streamVersion('atomic-2'), 1);
  });

  test('an empty append checks the expected version and writes nothing', async (t) => {
    const { store } = await openStore(t, makeStore);
    assert.equal((await store.append('empty-1', [], { expectedVersion: 'no-stream' })).nextExpectedVersion, 0);
    assert.equal(await store.streamVersion('empty-1'), 0);
    await store.append('empty-1', [event('A', {})], { expectedVersion: 'no-stream' });
    await assert.rejects(
      store.append('empty-1', [], { expectedVersion: 0 }),
      storeError('EVENTSTORE.VERSION_CONFLICT'),
    );
    assert.deepEqual(await store.append('empty-1', [], { expectedVersion: 1 }), { nextExpectedVersion: 1, events: [] });
  });
}
