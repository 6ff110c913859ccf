import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { BusError } from '../errors.ts';
import { partitionFor } from '../partitioner.ts';
import { defineTopic } from '../topic.ts';
import { type KafkaMessage, toRawRecord, toRecords } from './records.ts';

const orders = defineTopic<{ id: string }>({
  name: 'orders',
  partitions: 12,
  type: 'order.placed',
  schemaVersion: 3,
  schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
});

test('records: JSON bytes, the key, the Java partition set explicitly, the standard headers as strings', () => {
  const { records, receipts } = withCorrelation({ correlationId: 'corr-1' }, () =>
    toRecords(orders, [
      { key: 'order-1', value: { id: 'a' }, headers: { tenant: 'acme' } },
      { key: 'order-2', value: { id: 'b' }, messageId: 'm-2', type: 'order.amended' },
    ]),
  );
  assert.deepEqual(
    records.map((r) => [r.key, r.partition, r.value?.toString()]),
    [
      ['order-1', 10, '{"id":"a"}'],
      ['order-2', 3, '{"id":"b"}'],
    ],
  );
  assert.equal(records[0]?.partition, partitionFor('order-1', 12));
  const headers = records[0]?.headers as Record<string, string>;
  assert.equal(headers['correlationId'], 'corr-1');
  assert.equal(headers['type'], 'order.placed');
  assert.equal(headers['schemaVersion'], '3');
  assert.equal(headers['tenant'], 'acme');
  assert.equal((records[1]?.headers as Record<string, string>)['type'], 'order.amended');
  assert.deepEqual(receipts[1], { topic: 'orders', partition: 3, messageId: 'm-2' });
  assert.equal(receipts[0]?.messageId, headers['messageId']);
});

test('one invalid payload refuses the batch before anything is built', () => {
  assert.throws(
    () =>
      toRecords(orders, [
        { key: 'k', value: { id: 'a' } },
        { key: 'k', value: { id: 7 } as never },
      ]),
    (error: unknown) => error instanceof BusError && error.code === 'BUS.INVALID_MESSAGE',
  );
  const anything = defineTopic<unknown>({ name: 'any', partitions: 1, schema: {} });
  assert.throws(
    () => toRecords(anything, [{ key: 'k', value: undefined }]),
    (error: unknown) => error instanceof BusError && /JSON/.test(error.message),
  );
});

test('a consumed record without key or value (another client, a tombstone) reads as empty', () => {
  const message = {
    topic: 't',
    partition: 2,
    offset: 9_007_199_254_740_993n,
    key: undefined,
    value: undefined,
    headers: new Map([['messageId', 'm']]),
  } as unknown as KafkaMessage;
  assert.deepEqual(toRawRecord(message), {
    topic: 't',
    partition: 2,
    offset: '9007199254740993',
    key: '',
    value: Buffer.alloc(0),
    headers: { messageId: 'm' },
  });
});
