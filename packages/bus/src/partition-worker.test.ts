import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartitionWorker } from './partition-worker.ts';

test('one partition runs in order, one at a time; partitions run side by side; drain awaits all', async () => {
  const worker = new PartitionWorker();
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const item = (partition: string, n: number) => () =>
    new Promise<void>((resolve) => {
      log.push(`start ${partition}${n}`);
      gates.set(`${partition}${n}`, () => {
        log.push(`end ${partition}${n}`);
        resolve();
      });
    });
  const done = [
    worker.enqueue('p0', item('a', 1)),
    worker.enqueue('p0', item('a', 2)),
    worker.enqueue('p1', item('b', 1)),
  ];
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(log, ['start a1', 'start b1'], 'a2 waits for a1; b1 does not');
  assert.equal(worker.pending, 3);
  gates.get('a1')?.();
  await done[0];
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log.slice(2), ['end a1', 'start a2']);
  gates.get('a2')?.();
  gates.get('b1')?.();
  await worker.drain();
  assert.equal(worker.pending, 0);
});

test('a failure is the caller’s and does not stop the partition', async () => {
  const worker = new PartitionWorker();
  const failed = worker.enqueue('p', () => Promise.reject(new Error('boom')));
  const next = worker.enqueue('p', () => Promise.resolve());
  await assert.rejects(failed, /boom/);
  await next;
  await worker.drain();
});
