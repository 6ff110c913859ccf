import assert from 'node:assert/strict';
import { test } from 'node:test';
import { event, openStore, storeError, type MakeStore } from './support.ts';

export function transactionTests(makeStore: MakeStore): void {
  test('onAppended writes in the append transaction: committed with the events, rolled back with them', async (t) => {
    const { target, withOptions } = await openStore(t, makeStore);
    const outbox = `"${target.schema}".outbox_probe`;
    await target.executor.query(`CREATE TABLE ${outbox} (message_id text PRIMARY KEY, stream_id text NOT NULL)`);
    const store = withOptions({
      onAppended: async (tx, events) => {
        for (const appended of events) {
          if (appended.type === 'Poison') throw new Error('the hook refused');
          await tx.query(`INSERT INTO ${outbox} (message_id, stream_id) VALUES ($1, $2)`, [
            appended.messageId,
            appended.streamId,
          ]);
        }
      },
    });
    const outboxIds = async (): Promise<string[]> =>
      (await target.executor.query<{ message_id: string }>(`SELECT message_id FROM ${outbox} ORDER BY message_id`)).map(
        (row) => row.message_id,
      );

    const ok = await store.append('hook-1', [event('A', {}), event('B', {})], { expectedVersion: 'no-stream' });
    assert.deepEqual(await outboxIds(), ok.events.map((e) => e.messageId).sort());
    await assert.rejects(
      store.append('hook-1', [event('C', {}), event('Poison', {})], { expectedVersion: 2 }),
      /the hook refused/,
    );
    await assert.rejects(
      store.append('hook-1', [event('D', {})], { expectedVersion: 1 }),
      storeError('EVENTSTORE.VERSION_CONFLICT'),
    );
    assert.equal(await store.streamVersion('hook-1'), 2);
    assert.deepEqual(await outboxIds(), ok.events.map((e) => e.messageId).sort());
  });

  test('store.transaction: several appends commit together or not at all; a conflict inside undoes only itself', async (t) => {
    const { store } = await openStore(t, makeStore);
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.append('tx-1', [event('A', {})], { expectedVersion: 'no-stream' });
        await tx.append('tx-2', [event('B', {})], { expectedVersion: 'no-stream' });
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await store.streamVersion('tx-1'), 0);
    assert.equal(await store.streamVersion('tx-2'), 0);

    const versions = await store.transaction(async (tx) => {
      await tx.append('tx-1', [event('A', {})], { expectedVersion: 'no-stream' });
      await assert.rejects(
        tx.append('tx-1', [event('again', {})], { expectedVersion: 'no-stream' }),
        storeError('EVENTSTORE.VERSION_CONFLICT', { actual: 1 }),
      );
      await assert.rejects(
        tx.append(
          'tx-3',
          [event('X', {}), event('X', {}, { messageId: 'dup' }), event('X', {}, { messageId: 'dup' })],
          {
            expectedVersion: 'any',
          },
        ),
        storeError('EVENTSTORE.DUPLICATE_MESSAGE_ID'),
      );
      await tx.append('tx-2', [event('B', {})], { expectedVersion: 'no-stream' });
      return [await tx.streamVersion('tx-1'), await tx.streamVersion('tx-2'), await tx.streamVersion('tx-3')];
    });
    assert.deepEqual(versions, [1, 1, 0]);
    assert.deepEqual(
      (await store.readStream('tx-1')).map((e) => e.type),
      ['A'],
    );
    assert.equal(await store.streamVersion('tx-3'), 0);
  });
}
