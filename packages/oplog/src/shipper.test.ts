import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bus, OutgoingMessage, PublishReceipt, Topic } from '@eventflow/bus';
import { withCorrelation } from '@eventflow/correlation';
import { operationLogTopic, type OperationRecord } from './record.ts';
import { OperationLog } from './shipper.ts';

const topic = operationLogTopic('test');
const fixedNow = () => new Date('2025-09-10T08:30:00.000Z');
const noWait = { maxAttempts: Infinity, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' } as const;

/** A bus whose publish fails while `failing` is set, and can be made to hang. */
function scriptedBus() {
  const batches: Array<Array<OutgoingMessage<OperationRecord>>> = [];
  const state = { failing: 0, hang: false, calls: 0 };
  const bus: Pick<Bus, 'publish'> = {
    publish<T>(t: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
      state.calls++;
      if (state.hang) return new Promise(() => undefined);
      if (state.failing > 0) {
        state.failing--;
        return Promise.reject(new Error('broker unavailable'));
      }
      for (const m of messages) t.validate(m.value);
      batches.push(messages as unknown as Array<OutgoingMessage<OperationRecord>>);
      return Promise.resolve(messages.map(() => ({ topic: t.name, partition: 0, messageId: 'm' })));
    },
  };
  return { bus, batches, state };
}

test('records go out in batches, in order, keyed by correlation id, with the spec fields', async () => {
  const { bus, batches } = scriptedBus();
  const log = new OperationLog({ service: 'storage-server', topic, bus, now: fixedNow, maxBatch: 2 });
  withCorrelation({ correlationId: 'corr-1' }, () => {
    log.record({ endpoint: '/api/storage/upload', payload: { clientId: 'c1' }, success: true, fileName: 'r.pdf' });
  });
  log.record({ endpoint: '/api/storage/file/x', correlationId: 'corr-2', success: false, statusCode: 404 });
  log.record({ endpoint: '/api/storage/file/y', correlationId: 'corr-3', success: true });
  await log.flush();

  assert.deepEqual(
    batches.map((b) => b.length),
    [2, 1],
  );
  const all = batches.flat();
  assert.deepEqual(
    all.map((m) => m.key),
    ['corr-1', 'corr-2', 'corr-3'],
  );
  assert.deepEqual(all[0]?.value, {
    correlationId: 'corr-1',
    service: 'storage-server',
    endpoint: '/api/storage/upload',
    timestamp: '2025-09-10T08:30:00.000Z',
    payload: '{"clientId":"c1"}',
    success: true,
    fileName: 'r.pdf',
  });
  assert.equal(all[1]?.value.statusCode, 404);
  assert.deepEqual(log.stats, { buffered: 0, shipped: 3, dropped: 0 });
});

test('a failing bus is retried; nothing is lost and the order holds', async () => {
  const { bus, batches, state } = scriptedBus();
  state.failing = 3;
  const failures: unknown[] = [];
  const log = new OperationLog({
    service: 's',
    topic,
    bus,
    retry: noWait,
    observer: { failed: (e) => failures.push(e) },
  });
  for (let i = 0; i < 5; i++) log.record({ endpoint: `/op/${i}`, correlationId: `c${i}`, success: true });
  await log.flush();
  assert.equal(failures.length, 3);
  assert.deepEqual(
    batches.flat().map((m) => m.value.endpoint),
    ['/op/0', '/op/1', '/op/2', '/op/3', '/op/4'],
  );
});

test('record() never waits and never throws; past the bound, records are dropped and counted', async () => {
  const { bus, state } = scriptedBus();
  state.hang = true;
  const dropped: string[] = [];
  const log = new OperationLog({
    service: 's',
    topic,
    bus,
    maxBuffered: 3,
    observer: { dropped: (count, reason) => dropped.push(`${count}:${reason}`) },
  });
  for (let i = 0; i < 5; i++) log.record({ endpoint: '/op', correlationId: `c${i}`, success: true });
  assert.deepEqual(log.stats, { buffered: 3, shipped: 0, dropped: 2 });
  assert.deepEqual(dropped, ['1:buffer-full', '1:buffer-full']);
  // close() gives up after its deadline and counts what it could not ship.
  await log.close(50);
  assert.deepEqual(log.stats, { buffered: 0, shipped: 0, dropped: 5 });
  assert.deepEqual(dropped.at(-1), '3:closed');
});

test('a record the topic refuses is dropped alone; its batch-mates still go out', async () => {
  const { bus, batches } = scriptedBus();
  const log = new OperationLog({ service: 's', topic, bus });
  log.record({ endpoint: '/ok', correlationId: 'a', success: true });
  log.record({ endpoint: '', correlationId: 'b', success: true });
  log.record({ endpoint: '/ok2', correlationId: 'c', success: true });
  await log.flush();
  assert.deepEqual(
    batches.flat().map((m) => m.value.endpoint),
    ['/ok', '/ok2'],
  );
  assert.equal(log.stats.dropped, 1);
});

test('payloads are JSON text, cut past the bound', async () => {
  const { bus, batches } = scriptedBus();
  const log = new OperationLog({ service: 's', topic, bus, maxPayloadChars: 10 });
  log.record({ endpoint: '/a', correlationId: 'a', success: true, payload: 'x'.repeat(15) });
  await log.flush();
  assert.equal(batches[0]?.[0]?.value.payload, 'xxxxxxxxxx…[truncated 5 chars]');
});
