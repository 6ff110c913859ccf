import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BusObserver } from '../port.ts';
import { eventually } from '../testing/wait.ts';
import { gather, numberedTopic, scratch } from './test-support.ts';

test('the observer hears of publishes, handling and lag, down to zero once caught up', async (t) => {
  const { open } = await scratch(t);
  const published: number[] = [];
  const handled: string[] = [];
  const lag = new Map<number, number>();
  const observer: BusObserver = {
    published: ({ count }) => void published.push(count),
    handled: ({ outcome }) => void handled.push(outcome),
    lag: ({ partition, lag: behind }) => void lag.set(partition, behind),
  };
  const bus = await open({ observer });
  const topic = numberedTopic(3);
  await bus.declare([topic]);
  const messages = Array.from({ length: 30 }, (_, n) => ({ key: `k${n}`, value: { n } }));
  const receipts = await bus.publish(topic, messages);
  const { received } = await gather(bus, topic);
  await eventually(() => received.length === 30 && handled.length === 30, 'all 30 handled');
  assert.deepEqual(published, [30]);
  assert.ok(handled.every((outcome) => outcome === 'ok'));
  const partitions = new Set(receipts.map((r) => r.partition));
  await eventually(
    () => [...partitions].every((p) => lag.get(p) === 0),
    'zero lag reported for every partition with messages',
  );
});
