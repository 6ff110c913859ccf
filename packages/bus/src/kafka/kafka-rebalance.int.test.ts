import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { test } from 'node:test';
import { partitionFor } from '../partitioner.ts';
import { eventually } from '../testing/index.ts';
import { defineTopic } from '../topic.ts';
import { createKafkaBus } from './index.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const open = () =>
  createKafkaBus({ brokers, clientId: 'eventflow-rebalance', sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 });

interface Item {
  readonly n: number;
}

/** Resolves when a member that already belongs to `group` starts to rejoin it (a rebalance reached it). */
function rejoinOf(group: string): Promise<void> {
  // The library traces its group operations on diagnostics channels (its docs/diagnostic.md).
  const channel = 'tracing:plt:kafka:consumer:group:start';
  return new Promise((resolve) => {
    const onStart = (message: unknown) => {
      const { operation, client } = message as { operation?: string; client?: { groupId?: string; memberId?: string } };
      if (operation === 'joinGroup' && client?.groupId === group && client.memberId) {
        unsubscribe(channel, onStart);
        resolve();
      }
    };
    subscribe(channel, onStart);
  });
}

test('a rebalance with a handler in flight: it finishes and is committed first; no message is handled twice', async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  t.after(() => release()); // first (hooks run in order): a failing test must not leave close() waiting on it
  const first = await open();
  t.after(() => first.close());
  const second = await open();
  t.after(() => second.close());
  const topic = defineTopic<Item>({ name: `rebalance-${randomUUID()}`, partitions: 6, schema: { type: 'object' } });
  await first.declare([topic]);
  const group = `g-${randomUUID()}`;
  const handled: Array<{ member: 0 | 1; n: number }> = [];
  let slowStarted = false;

  const a = await first.subscribe({
    group,
    topic,
    handle: async ({ value }) => {
      if (value.n === 0) {
        slowStarted = true;
        await gate; // in flight while the group rebalances
      }
      handled.push({ member: 0, n: value.n });
    },
  });
  const batch = (from: number) => Array.from({ length: 60 }, (_, i) => ({ key: `key-${i}`, value: { n: from + i } }));
  await first.publish(topic, batch(0));
  // Everything but the slow message's partition, where the rest waits behind it.
  const blocked = batch(0).filter((m) => partitionFor(m.key, 6) === partitionFor('key-0', 6)).length;
  await eventually(() => slowStarted && handled.length === 60 - blocked, 'the other partitions of the first batch');

  // The gate opens only once the first member is rejoining, so its handler is in flight during the rebalance.
  const rejoining = rejoinOf(group);
  const joining = second.subscribe({
    group,
    topic,
    handle: ({ value }) => Promise.resolve(void handled.push({ member: 1, n: value.n })),
  });
  await rejoining;
  release();
  const b = await joining;

  await first.publish(topic, batch(1000));
  await eventually(() => new Set(handled.map((h) => h.n)).size === 120, 'all 120 messages handled');
  await Promise.all([a.close(), b.close()]);

  const ns = handled.map((h) => h.n);
  assert.equal(
    ns.length,
    120,
    `no message handled twice (duplicates: ${ns.filter((n, i) => ns.indexOf(n) !== i).join(', ')})`,
  );
  assert.equal(
    handled.filter((h) => h.n === 0).length,
    1,
    'the message in flight during the rebalance was handled once',
  );
  assert.ok(
    handled.some((h) => h.member === 1),
    'the second member took over partitions',
  );
});
