import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { defineUpcasters } from '../../upcasting/upcasters.ts';
import { readAllUntil } from '../wait.ts';
import { event, openStore, type MakeStore } from './support.ts';

const fixedClock = new Date('2030-01-02T03:04:05.678Z');

export function metadataTests(makeStore: MakeStore): void {
  test('metadata: caller values kept; defaults from the clock, the id source and the current correlation', async (t) => {
    let ids = 0;
    const { store, target } = await openStore(t, makeStore, { newId: () => `id-${++ids}`, now: () => fixedClock });
    const given = {
      messageId: 'msg-given',
      correlationId: 'corr-given',
      causationId: 'cause-given',
      occurredAt: new Date('2001-01-01T00:00:00.001Z'),
      schemaVersion: 4,
      headers: { tenant: 't-1' },
    };
    const appended = await withCorrelation({ correlationId: 'corr-1', causationId: 'cause-1' }, () =>
      store.append('meta-1', [event('Defaulted', { x: 1 }), event('Given', {}, given)], {
        expectedVersion: 'no-stream',
      }),
    );
    const outside = await store.append('meta-2', [event('Alone', {})], { expectedVersion: 'no-stream' });
    const [dbNow] = await target.executor.query<{ now: Date }>('SELECT clock_timestamp() AS now');

    const [defaulted, explicit] = await store.readStream('meta-1');
    assert.deepEqual([defaulted, explicit], appended.events);
    assert.equal(defaulted!.messageId, 'id-1');
    assert.equal(defaulted!.correlationId, 'corr-1');
    assert.equal(defaulted!.causationId, 'cause-1');
    assert.equal(defaulted!.schemaVersion, 1);
    assert.deepEqual(defaulted!.occurredAt, fixedClock);
    assert.deepEqual(defaulted!.headers, {});
    assert.deepEqual(
      {
        messageId: explicit!.messageId,
        correlationId: explicit!.correlationId,
        causationId: explicit!.causationId,
        occurredAt: explicit!.occurredAt,
        schemaVersion: explicit!.schemaVersion,
        headers: explicit!.headers,
      },
      given,
    );
    const [alone] = await store.readStream('meta-2');
    assert.deepEqual(alone, outside.events[0]);
    assert.equal(alone!.correlationId, 'id-3', 'a first cause starts a correlation of its own');
    assert.equal(alone!.causationId, undefined);
    // recordedAt is the database's clock, not the store's.
    assert.ok(defaulted!.recordedAt.getTime() !== fixedClock.getTime());
    assert.ok(defaulted!.recordedAt <= alone!.recordedAt && alone!.recordedAt <= dbNow!.now);
  });

  test('upcasting: older schema versions are read at the latest through the chain; new events are written at it', async (t) => {
    const { store: old, withOptions, target } = await openStore(t, makeStore);
    await old.append('person-1', [event('PersonNamed', { name: 'Ada Lovelace' }, { schemaVersion: 1 })], {
      expectedVersion: 'no-stream',
    });
    const upcasters = defineUpcasters([
      {
        type: 'PersonNamed',
        fromVersion: 1,
        upcast: (data) => {
          const [first, last] = (data as { name: string }).name.split(' ');
          return { first, last };
        },
      },
      { type: 'PersonNamed', fromVersion: 2, upcast: (data) => ({ ...(data as object), title: null }) },
    ]);
    const store = withOptions({ upcasters });
    const latest = { first: 'Ada', last: 'Lovelace', title: null };
    const [read] = await store.readStream('person-1');
    assert.deepEqual([read!.schemaVersion, read!.data], [3, latest]);
    const fromAll = await readAllUntil(store, (events) => events.length >= 1);
    assert.deepEqual([fromAll.events[0]!.schemaVersion, fromAll.events[0]!.data], [3, latest]);

    await store.append('person-1', [event('PersonNamed', { first: 'Grace', last: 'Hopper', title: 'RAdm' })], {
      expectedVersion: 1,
    });
    const rows = await target.executor.query<{ schema_version: number }>(
      `SELECT schema_version FROM "${target.schema}".events ORDER BY version`,
    );
    assert.deepEqual(
      rows.map((row) => Number(row.schema_version)),
      [1, 3],
    );
  });
}
