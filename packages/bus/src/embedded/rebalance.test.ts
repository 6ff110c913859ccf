import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Envelope } from '../port.ts';
import { eventually } from '../testing/wait.ts';
import { gather, keyOn, numberedTopic, scratch, type Numbered } from './test-support.ts';

test('a partition changing hands waits for its in-flight record: never two handlers at once, nothing lost', async (t) => {
  const { open } = await scratch(t);
  let bus = await open();
  const topic = numberedTopic(2);
  await bus.declare([topic]);
  const group = `g-${randomUUID()}`;
  const key = keyOn(1, 2); // partition 1: member a's alone, then member b's once b joins (p mod 2)
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const active = new Map<number, number>();
  let overlapped = false;
  const seen: Array<[string, number]> = [];
  const member = (name: string) => async (message: Envelope<Numbered>) => {
    const running = (active.get(message.partition) ?? 0) + 1;
    active.set(message.partition, running);
    overlapped ||= running > 1;
    seen.push([name, message.value.n]);
    if (message.value.n === 0) await gate;
    active.set(message.partition, running - 1);
  };
  await bus.subscribe({ group, topic, handle: member('a') });
  await bus.publish(topic, [{ key, value: { n: 0 } }]);
  await eventually(() => seen.length === 1, 'member a to start on n = 0');

  await bus.subscribe({ group, topic, handle: member('b') });
  await bus.publish(
    topic,
    [1, 2, 3].map((n) => ({ key, value: { n } })),
  );
  assert.deepEqual(seen, [['a', 0]], 'b gets nothing of partition 1 while a still handles n = 0');
  release();
  await eventually(() => seen.length === 4, 'b to handle n = 1…3');
  assert.deepEqual(seen, [
    ['a', 0],
    ['b', 1],
    ['b', 2],
    ['b', 3],
  ]);
  assert.equal(overlapped, false);

  await bus.close();
  bus = await open();
  await bus.publish(topic, [{ key, value: { n: 4 } }]);
  const { received } = await gather(bus, topic, group);
  await eventually(() => received.length >= 1, 'the record published after the restart');
  assert.deepEqual(
    received.map((m) => m.value.n),
    [4],
    'a’s record was committed before the hand-over',
  );
});

test('a member leaving mid-retry abandons its record uncommitted; the member left gets it afresh', async (t) => {
  const { open } = await scratch(t);
  const bus = await open();
  const topic = numberedTopic(1);
  await bus.declare([topic]);
  const group = `g-${randomUUID()}`;
  const attempts: Array<[string, number]> = [];
  const slowRetry = { maxAttempts: 3, initialDelayMs: 600_000, maxDelayMs: 600_000, multiplier: 1, jitter: 'none' };
  const leaving = await bus.subscribe({
    group,
    topic,
    retry: { ...slowRetry, jitter: 'none' },
    handle: (message) => {
      attempts.push(['a', message.attempt]);
      return Promise.reject(new Error('not now'));
    },
  });
  await bus.subscribe({
    group,
    topic,
    handle: (message) => {
      attempts.push(['b', message.attempt]);
      return Promise.resolve();
    },
  });
  await bus.publish(topic, [{ key: 'k', value: { n: 1 } }]);
  await eventually(() => attempts.length === 1, 'member a to fail once and wait to retry');
  await leaving.close();
  await eventually(() => attempts.length === 2, 'member b to get the record');
  assert.deepEqual(attempts, [
    ['a', 1],
    ['b', 1],
  ]);
});
