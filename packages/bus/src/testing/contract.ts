import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { BusError, permanentError } from '../errors.ts';
import type { Bus, Envelope } from '../port.ts';
import { defineTopic, untypedTopic, type Topic } from '../topic.ts';
import { collect } from './collect.ts';
import { eventually } from './wait.ts';

/** One adapter under the contract. */
export interface ContractTarget {
  readonly name: string;
  /** Opens a bus; every call reaches the same topics, offsets and groups (so a second call is a restart). */
  open(): Promise<Bus>;
  /** A module exporting `openBus(): Promise<Bus>` that opens the same bus from another process, and its env. */
  readonly child: { readonly module: string; readonly env: Readonly<Record<string, string>> };
}

interface Order {
  readonly orderId: string;
  readonly seq: number;
  readonly publisher?: number;
}

const orderSchema = {
  type: 'object',
  required: ['orderId', 'seq'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    seq: { type: 'integer', minimum: 0 },
    publisher: { type: 'integer' },
  },
  additionalProperties: false,
};

function orderTopic(partitions = 3): Topic<Order> {
  return defineTopic<Order>({
    name: `contract-${randomUUID()}`,
    partitions,
    type: 'contract.order',
    schema: orderSchema,
  });
}

const fastRetry = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, multiplier: 2, jitter: 'full' } as const;

/**
 * A bus with a subscription (retries: `fastRetry`, 3 tries) on a fresh one-partition topic whose
 * handler fails the order "poison" with `failure()` and records the attempts, and the dead letters.
 */
async function poisoned(t: TestContext, target: ContractTarget, failure: () => Error) {
  const bus = await target.open();
  t.after(() => bus.close());
  const topic = orderTopic(1);
  const dlq = untypedTopic(`${topic.name}.dlq`, 1);
  await bus.declare([topic, dlq]);
  const attempts: number[] = [];
  const handled: string[] = [];
  const subscription = await bus.subscribe({
    group: `g-${randomUUID()}`,
    topic,
    retry: fastRetry,
    handle: (message) => {
      if (message.value.orderId === 'poison') {
        attempts.push(message.attempt);
        return Promise.reject(failure());
      }
      handled.push(message.value.orderId);
      return Promise.resolve();
    },
  });
  t.after(() => subscription.close());
  const { received: letters } = await collect(bus, dlq);
  return { bus, topic, attempts, handled, letters };
}

/** Asserts the headers named in `expected` at once (a missing one shows as undefined). */
function assertHeaders(headers: Readonly<Record<string, string>>, expected: Record<string, string>): void {
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((name) => [name, headers[name]])), expected);
}

/** The bus contract: every adapter passes the same tests. */
export function busContract(target: ContractTarget): void {
  describe(`bus contract: ${target.name}`, { concurrency: false }, () => {
    test('publish then consume: typed payload, standard headers, correlation flows and causation links', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const orders = orderTopic();
      const replies = orderTopic();
      await bus.declare([orders, replies]);

      // A handler that publishes: its message must carry the same correlation, caused by the one it handles.
      const relay = await bus.subscribe({
        group: `relay-${randomUUID()}`,
        topic: orders,
        handle: async (message) => {
          await bus.publish(replies, [{ key: message.key, value: { ...message.value, seq: message.value.seq + 1 } }]);
        },
      });
      t.after(() => relay.close());
      const { received } = await collect(bus, replies);

      const receipts = await withCorrelation({ correlationId: 'corr-contract-1' }, () =>
        bus.publish(orders, [{ key: 'order-1', value: { orderId: 'order-1', seq: 1 }, headers: { tenant: 'acme' } }]),
      );
      assert.equal(receipts.length, 1);
      await eventually(() => received.length === 1, 'the relayed message');
      const reply = received[0]!;
      assert.deepEqual(reply.value, { orderId: 'order-1', seq: 2 });
      assert.equal(reply.key, 'order-1');
      assert.equal(reply.headers.correlationId, 'corr-contract-1');
      assert.equal(reply.headers.causationId, receipts[0]?.messageId, 'caused by the message the relay handled');
      assert.equal(reply.headers.type, 'contract.order');
      assert.equal(reply.headers.schemaVersion, 1);
      assert.ok(!Number.isNaN(Date.parse(reply.headers.occurredAt)) && reply.headers.occurredAt.endsWith('Z'));
      assert.match(reply.headers.messageId, /^[0-9a-f-]{36}$/);
      assert.notEqual(reply.headers.messageId, receipts[0]?.messageId);
      assert.equal(reply.attempt, 1);
    });

    test('a new group starts at the earliest record by default, after the last one with startAt latest', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const orders = orderTopic();
      await bus.declare([orders]);
      const old = ['old-1', 'old-2', 'old-3'];
      await bus.publish(
        orders,
        old.map((orderId) => ({ key: orderId, value: { orderId, seq: 0 } })),
      );
      const seen = (group: string, startAt?: 'earliest' | 'latest') => {
        const handled: string[] = [];
        return bus
          .subscribe({
            group,
            topic: orders,
            ...(startAt === undefined ? {} : { startAt }),
            handle: (message) => {
              handled.push(message.value.orderId);
              return Promise.resolve();
            },
          })
          .then((subscription) => {
            t.after(() => subscription.close());
            return handled;
          });
      };
      const earliest = await seen(`earliest-${randomUUID()}`);
      const latest = await seen(`latest-${randomUUID()}`, 'latest');
      // A broker may settle a new member's position a moment after subscribe() answers: publish
      // until the live consumer sees one, then none of the records before it may have come.
      let n = 0;
      await eventually(async () => {
        n += 1;
        await bus.publish(orders, [{ key: `new-${n}`, value: { orderId: `new-${n}`, seq: n } }]);
        return latest.length > 0;
      }, 'a record published after the subscription');
      assert.deepEqual(
        latest.filter((id) => id.startsWith('old-')),
        [],
        'startAt latest: nothing from before',
      );
      await eventually(() => old.every((id) => earliest.includes(id)), 'the default group reads from the start');
    });

    test('one key, one partition, in publish order, under concurrent publishers', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic(6);
      await bus.declare([topic]);
      const { received } = await collect(bus, topic);
      const publishers = 4;
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      const perKey = 25;
      // Each publisher owns some sequences of every key and sends them in order, all publishers at once.
      await Promise.all(
        Array.from({ length: publishers }, async (_, publisher) => {
          for (let seq = 0; seq < perKey; seq++) {
            await bus.publish(
              topic,
              keys.map((key) => ({ key, value: { orderId: key, seq, publisher } })),
            );
          }
        }),
      );
      const total = publishers * keys.length * perKey;
      await eventually(() => received.length >= total, `${total} messages`, 60_000);
      assert.equal(received.length, total, 'no duplicates in a clean run');
      for (const key of keys) {
        const mine = received.filter((m) => m.key === key);
        assert.equal(new Set(mine.map((m) => m.partition)).size, 1, `${key} stays on one partition`);
        for (let publisher = 0; publisher < publishers; publisher++) {
          const seqs = mine.filter((m) => m.value.publisher === publisher).map((m) => m.value.seq);
          assert.deepEqual(seqs, [...Array(perKey).keys()], `${key} from publisher ${publisher} in order`);
        }
      }
      assert.ok(new Set(received.map((m) => m.partition)).size > 1, 'keys spread across partitions');
    });

    test('an invalid payload is refused at publish with a clear error, and nothing of the batch is sent', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic();
      await bus.declare([topic]);
      const { received } = await collect(bus, topic);
      await assert.rejects(
        bus.publish(topic, [
          { key: 'ok', value: { orderId: 'ok', seq: 1 } },
          { key: 'bad', value: { orderId: '', seq: -1 } },
        ]),
        (error: unknown) =>
          error instanceof BusError && error.code === 'BUS.INVALID_MESSAGE' && /orderId/.test(error.message),
      );
      await bus.publish(topic, [{ key: 'after', value: { orderId: 'after', seq: 2 } }]);
      await eventually(() => received.length >= 1, 'the valid message published afterwards');
      assert.deepEqual(
        received.map((m) => m.key),
        ['after'],
      );
    });

    test('an invalid message on the wire goes to the dead-letter topic at once, without retries', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic();
      const raw = untypedTopic(topic.name, topic.partitions);
      const dlq = untypedTopic(`${topic.name}.dlq`, topic.partitions);
      await bus.declare([topic, dlq]);
      let calls = 0;
      const subscription = await bus.subscribe({
        group: `g-${randomUUID()}`,
        topic,
        retry: fastRetry,
        handle: () => {
          calls++;
          return Promise.resolve();
        },
      });
      t.after(() => subscription.close());
      const { received: letters } = await collect(bus, dlq);
      await bus.publish(raw, [{ key: 'k', value: { orderId: 42 } }]);
      await bus.publish(topic, [{ key: 'k', value: { orderId: 'fine', seq: 1 } }]);
      await eventually(() => letters.length === 1 && calls === 1, 'the dead letter and the next message');
      const letter = letters[0]!;
      assert.deepEqual(letter.value, { orderId: 42 });
      assertHeaders(letter.headers.extra, {
        'dlq-error-code': 'BUS.INVALID_MESSAGE',
        'dlq-attempts': '0',
        'dlq-reason': 'invalid-message',
        'dlq-topic': topic.name,
      });
    });

    test('a failing handler is retried with backoff, then dead-lettered with its error and the original headers', async (t) => {
      const failure = () => Object.assign(new Error('payment service said no'), { code: 'PAYMENT.DECLINED' });
      const { bus, topic, attempts, handled, letters } = await poisoned(t, target, failure);
      const [poison] = await withCorrelation({ correlationId: 'corr-poison' }, () =>
        bus.publish(topic, [
          { key: 'k', value: { orderId: 'poison', seq: 1 }, headers: { tenant: 'acme' } },
          { key: 'k', value: { orderId: 'next', seq: 2 } },
        ]),
      );
      await eventually(() => letters.length === 1 && handled.includes('next'), 'dead letter, then the next message');
      assert.deepEqual(attempts, [1, 2, 3]);
      const letter = letters[0]!;
      assert.equal(letter.key, 'k');
      assert.deepEqual(letter.value, { orderId: 'poison', seq: 1 });
      assertHeaders(letter.headers.extra, {
        'dlq-error': 'payment service said no',
        'dlq-error-code': 'PAYMENT.DECLINED',
        'dlq-attempts': '3',
        'dlq-reason': 'attempts-exhausted',
        'dlq-topic': topic.name,
      });
      assert.equal(letter.headers.extra['tenant'], 'acme', 'original extra headers kept');
      assert.equal(letter.headers.correlationId, 'corr-poison', 'original correlation kept');
      assert.equal(letter.headers.messageId, poison?.messageId, 'original message id kept');
    });

    test('a permanent error is attempted once and goes straight to the dead-letter topic, said in its headers', async (t) => {
      const failure = () => permanentError('card declined', { code: 'PAYMENT.DECLINED' });
      const { bus, topic, attempts, handled, letters } = await poisoned(t, target, failure);
      await bus.publish(topic, [
        { key: 'k', value: { orderId: 'poison', seq: 1 } },
        { key: 'k', value: { orderId: 'next', seq: 2 } },
      ]);
      await eventually(() => letters.length === 1 && handled.includes('next'), 'dead letter, then the next message');
      assert.deepEqual(attempts, [1], 'no retry, although the policy allows 3 tries');
      const letter = letters[0]!;
      assert.deepEqual(letter.value, { orderId: 'poison', seq: 1 });
      assertHeaders(letter.headers.extra, {
        'dlq-error': 'card declined',
        'dlq-error-code': 'PAYMENT.DECLINED',
        'dlq-attempts': '1',
        'dlq-reason': 'permanent-error',
        'dlq-topic': topic.name,
      });
    });

    test('a consumer that dies before committing: the group gets the message again', async (t) => {
      // The bus is closed while the child runs: an embedded bus has one process at a time on its files.
      let bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic(1);
      await bus.declare([topic]);
      const group = `g-${randomUUID()}`;
      const [sent] = await bus.publish(topic, [{ key: 'k', value: { orderId: 'crash', seq: 1 } }]);
      await bus.close();

      const child = spawn(process.execPath, [join(import.meta.dirname, 'crash-consumer.ts')], {
        env: {
          ...process.env,
          ...target.child.env,
          CONTRACT_MODULE: target.child.module,
          TOPIC: topic.name,
          PARTITIONS: '1',
          GROUP: group,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      t.after(() => child.kill('SIGKILL'));
      await eventually(
        () => output.includes(`received ${sent?.messageId}`),
        'the child to receive the message',
        60_000,
      );
      child.kill('SIGKILL');
      await exited;

      bus = await target.open();
      const { received } = await collect(bus, topic, group);
      await eventually(() => received.length >= 1, 'redelivery to the group', 90_000);
      assert.equal(received[0]?.headers.messageId, sent?.messageId);
    });

    test('close() lets in-flight handlers finish and commits them: nothing handled is delivered again', async (t) => {
      let bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic(1);
      await bus.declare([topic]);
      const group = `g-${randomUUID()}`;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const finished: number[] = [];
      let started = 0;
      const subscription = await bus.subscribe({
        group,
        topic,
        handle: async (message) => {
          started++;
          await gate;
          finished.push(message.value.seq);
        },
      });
      await bus.publish(topic, [{ key: 'k', value: { orderId: 'slow', seq: 1 } }]);
      await eventually(() => started === 1, 'the handler to start');
      const closing = subscription.close();
      release();
      await closing;
      assert.deepEqual(finished, [1], 'the in-flight handler finished before close() returned');

      await bus.publish(topic, [{ key: 'k', value: { orderId: 'later', seq: 2 } }]);
      await bus.close();
      bus = await target.open();
      const { received } = await collect(bus, topic, group);
      await eventually(() => received.length >= 1, 'the message published after close');
      assert.deepEqual(
        received.map((m) => m.value.seq),
        [2],
        'the finished one is not delivered again',
      );
    });

    test('what was acknowledged survives a restart of the bus', async (t) => {
      let bus = await target.open();
      t.after(() => bus.close());
      const topic = orderTopic();
      await bus.declare([topic]);
      const sent = await bus.publish(
        topic,
        Array.from({ length: 50 }, (_, seq) => ({ key: `k${seq % 7}`, value: { orderId: `o${seq}`, seq } })),
      );
      await bus.close();
      bus = await target.open();
      const { received } = await collect(bus, topic);
      await eventually(() => received.length >= 50, '50 messages after the restart');
      assert.deepEqual(new Set(received.map((m) => m.headers.messageId)), new Set(sent.map((r) => r.messageId)));
    });

    test('a second consumer joining the group takes over partitions; every message is handled', async (t) => {
      const bus = await target.open();
      t.after(() => bus.close());
      const other = await target.open();
      t.after(() => other.close());
      const topic = orderTopic(6);
      await bus.declare([topic]);
      const group = `g-${randomUUID()}`;
      const byMember: Array<Array<Envelope<Order>>> = [[], []];
      const member = (index: 0 | 1) => (message: Envelope<Order>) => {
        byMember[index]!.push(message);
        return Promise.resolve();
      };
      await bus.subscribe({ group, topic, handle: member(0) });
      const batch = (from: number) =>
        Array.from({ length: 60 }, (_, i) => ({ key: `key-${i}`, value: { orderId: `key-${i}`, seq: from + i } }));
      await bus.publish(topic, batch(0));
      await eventually(() => byMember[0]!.length >= 60, 'the first member to handle the first batch', 60_000);

      await other.subscribe({ group, topic, handle: member(1) });
      // Keep publishing until the newcomer has been given partitions and handles something.
      let round = 1;
      await eventually(
        async () => {
          if (byMember[1]!.length > 0) return true;
          await bus.publish(topic, batch(round++ * 1000));
          return false;
        },
        'the second member to receive messages after the rebalance',
        90_000,
      );
      const expected = round * 60;
      await eventually(
        () => new Set([...byMember[0]!, ...byMember[1]!].map((m) => m.headers.messageId)).size >= expected,
        `all ${expected} messages handled`,
        60_000,
      );
      const partitionsOf = (index: 0 | 1) =>
        new Set(byMember[index]!.filter((m) => m.value.seq >= 1000).map((m) => m.partition));
      assert.ok(partitionsOf(1).size > 0, 'the newcomer owns at least one partition');
    });
  });
}
