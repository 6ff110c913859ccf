import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { encodeHeaders, headersFor } from '../headers.ts';
import type { Envelope } from '../port.ts';
import { eventually } from '../testing/index.ts';
import { untypedTopic } from '../topic.ts';
import type { CommitOffset, Member, MemberEvents, RecordStream } from './group-member.ts';
import { KafkaSubscription } from './kafka-subscription.ts';
import { resolveSettings } from './options.ts';

class FakeStream extends EventEmitter implements RecordStream {
  paused = false;
  closed = false;
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  close(): Promise<void> {
    this.closed = true;
    this.emit('close');
    return Promise.resolve();
  }
  deliver(partition: number, offset: number): void {
    const headers = encodeHeaders(headersFor({ key: 'k', value: {} }, { type: 't', schemaVersion: 1 }));
    const message = { topic: 't', partition, offset: BigInt(offset), leaderEpoch: 0, key: 'k' };
    this.emit('data', { ...message, value: Buffer.from('{}'), headers: new Map(Object.entries(headers)) });
  }
}

/** A group of one: rebalances happen when the test says so, as the library runs them. */
class FakeMember implements Member {
  generation = 0;
  events!: MemberEvents;
  readonly streams: FakeStream[] = [];
  readonly commits: Array<{ generation: number; partition: number; offset: bigint }> = [];
  closed = false;
  join(): Promise<void> {
    return this.rebalance([0, 1]);
  }
  async rebalance(partitions: number[]): Promise<void> {
    await this.events.revoke(); // the library awaits protocolsMetadata before each JoinGroup
    this.generation++;
    this.events.assigned(partitions);
  }
  openStream(): Promise<RecordStream> {
    this.streams.push(new FakeStream());
    return Promise.resolve(this.streams.at(-1)!);
  }
  commit(offsets: CommitOffset[]): Promise<void> {
    for (const { partition, offset } of offsets) this.commits.push({ generation: this.generation, partition, offset });
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
  stream(index: number): FakeStream {
    return this.streams[index]!;
  }
}

function subscribe(
  handle: (message: Envelope<unknown>) => Promise<void>,
  options: { sessionTimeoutMs?: number; maxPendingPerSubscription?: number } = {},
) {
  const member = new FakeMember();
  const settings = resolveSettings({ brokers: ['fake:9092'], clientId: 'unit', heartbeatIntervalMs: 1, ...options });
  const subscription = new KafkaSubscription(
    { group: 'g', topic: untypedTopic('t', 2), handle },
    {
      settings,
      random: () => 0,
      sendToDeadLetter: () => Promise.resolve(),
      member: (events) => {
        member.events = events;
        return member;
      },
    },
  );
  return { member, subscription };
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const seen = (message: Envelope<unknown>) => `${message.partition}:${message.offset}`;

test('a rebalance waits for the running handler, commits it, skips what was queued; the next stream resumes there', async () => {
  const slow = gate();
  const handled: string[] = [];
  const { member, subscription } = subscribe(async (message) => {
    if (seen(message) === '0:0') await slow.wait;
    handled.push(seen(message));
  });
  await subscription.start();
  const first = member.stream(0);
  [0, 1, 2].forEach((offset) => first.deliver(0, offset));
  first.deliver(1, 0);
  await eventually(() => handled.includes('1:0'), 'partition 1 to be handled');

  let rejoined = false;
  const rebalance = member.rebalance([0]).then(() => (rejoined = true));
  await eventually(() => first.closed, 'fetching to stop');
  // All the rest of a rebalance is promise callbacks here: one turn of the event loop runs them.
  await setImmediate();
  assert.equal(rejoined, false, 'no JoinGroup while a handler runs');
  slow.open();
  await rebalance;
  assert.deepEqual(handled, ['1:0', '0:0'], 'the queued 0:1 and 0:2 were not handled');
  assert.deepEqual(member.commits, [
    { generation: 1, partition: 1, offset: 1n },
    { generation: 1, partition: 0, offset: 1n },
  ]);

  // Kafka refetches partition 0 from its committed offset, 1.
  const second = member.stream(1);
  [1, 2].forEach((offset) => second.deliver(0, offset));
  await eventually(() => handled.length === 4, 'the refetched records');
  await subscription.close();
  assert.deepEqual(handled, ['1:0', '0:0', '0:1', '0:2'], 'each record handled once, in order');
  assert.deepEqual(member.commits.at(-1), { generation: 2, partition: 0, offset: 3n });
  assert.ok(member.closed);
});

test('a handler still running when the rebalance budget ends is not committed in the next generation', async () => {
  const slow = gate();
  let started = false;
  let finished = false;
  // Budget: half the session timeout, 10 ms here.
  const { member, subscription } = subscribe(
    async () => {
      started = true;
      await slow.wait;
      finished = true;
    },
    { sessionTimeoutMs: 20 },
  );
  await subscription.start();
  member.stream(0).deliver(0, 0);
  await eventually(() => started, 'the handler to start');
  await member.rebalance([0]);
  slow.open();
  await eventually(() => finished, 'the late handler to finish');
  await subscription.close();
  assert.deepEqual(member.commits, [], 'its partition may be someone else’s now: it is delivered again instead');
});

test('back-pressure: fetching pauses at the limit of pending records and resumes at half of it', async () => {
  const slow = gate();
  const handled: string[] = [];
  const { member, subscription } = subscribe(
    async (message) => {
      await slow.wait;
      handled.push(seen(message));
    },
    { maxPendingPerSubscription: 4 },
  );
  await subscription.start();
  const stream = member.stream(0);
  for (let offset = 0; offset < 3; offset++) stream.deliver(0, offset);
  assert.equal(stream.paused, false);
  stream.deliver(0, 3);
  assert.equal(stream.paused, true, 'paused at 4 pending');
  slow.open();
  await eventually(() => handled.length === 4, 'the pending records');
  assert.equal(stream.paused, false, 'resumed');
  await subscription.close();
  assert.deepEqual(handled, ['0:0', '0:1', '0:2', '0:3']);
});

test('a stream that dies is replaced once what ran is committed; the new one resumes from there', async () => {
  const slow = gate();
  const handled: string[] = [];
  const started: string[] = [];
  const { member, subscription } = subscribe(async (message) => {
    started.push(seen(message));
    if (seen(message) === '0:0') await slow.wait;
    handled.push(seen(message));
  });
  await subscription.start();
  const first = member.stream(0);
  [0, 1].forEach((offset) => first.deliver(0, offset));
  await eventually(() => started.length === 1, '0:0 to start');
  first.emit('close'); // destroyed by a fetch error
  slow.open();
  await eventually(() => member.streams.length === 2, 'a new stream');
  assert.deepEqual(member.commits, [{ generation: 1, partition: 0, offset: 1n }]);
  member.stream(1).deliver(0, 1);
  await eventually(() => handled.length === 2, '0:1 from the new stream');
  await subscription.close();
  assert.deepEqual(started, ['0:0', '0:1'], '0:1 was queued on the dead stream and skipped there');
});

test('close() is idempotent: stops fetching, lets the running handler finish, commits, leaves', async () => {
  const slow = gate();
  let started = false;
  const { member, subscription } = subscribe(() => {
    started = true;
    return slow.wait;
  });
  await subscription.start();
  member.stream(0).deliver(1, 7);
  await eventually(() => started, 'the handler to start');
  const closing = [subscription.close(), subscription.close()];
  await eventually(() => member.stream(0).closed, 'fetching to stop');
  await setImmediate();
  assert.equal(member.closed, false, 'the member stays until the handler is done');
  slow.open();
  await Promise.all(closing);
  await subscription.close();
  assert.deepEqual(member.commits, [{ generation: 1, partition: 1, offset: 8n }]);
  assert.ok(member.closed);
});

test('records are decoded as deliver() expects: a message without the standard headers is dead-lettered', async () => {
  const letters: string[] = [];
  const member = new FakeMember();
  const subscription = new KafkaSubscription(
    { group: 'g', topic: untypedTopic('t', 2), handle: () => Promise.resolve() },
    {
      settings: resolveSettings({ brokers: ['fake:9092'], clientId: 'unit' }),
      sendToDeadLetter: (letter) => Promise.resolve(void letters.push(letter.headers['dlq-error-code'] ?? '')),
      member: (events) => {
        member.events = events;
        return member;
      },
    },
  );
  await subscription.start();
  const bare = { topic: 't', partition: 0, offset: 0n, leaderEpoch: 0, key: undefined, value: undefined };
  member.stream(0).emit('data', { ...bare, headers: new Map() });
  await eventually(() => letters.length === 1, 'the dead letter');
  await subscription.close();
  assert.deepEqual(letters, ['BUS.INVALID_MESSAGE']);
  assert.deepEqual(member.commits, [{ generation: 1, partition: 0, offset: 1n }]);
});
