import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { BusError, type BusErrorCode } from '../errors.ts';
import type { BusObserver } from '../port.ts';
import { eventually } from '../testing/index.ts';
import { untypedTopic } from '../topic.ts';
import { createKafkaBus } from './index.ts';
import type { KafkaBusOptions } from './options.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const open = (options: Partial<KafkaBusOptions> = {}) =>
  createKafkaBus({
    brokers,
    clientId: 'eventflow-adapter',
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    ...options,
  });
const name = () => `adapter-${randomUUID()}`;
const failsWith = (code: BusErrorCode) => (error: unknown) => error instanceof BusError && error.code === code;

test('declare() creates what is missing, accepts what matches, refuses another partition count', async (t) => {
  const bus = await open();
  t.after(() => bus.close());
  const topic = untypedTopic(name(), 3);
  await bus.declare([topic, topic]);
  await bus.declare([topic]);
  await open().then(async (other) => {
    await other.declare([topic]); // another process, same declaration
    await other.close();
  });
  await assert.rejects(bus.declare([untypedTopic(topic.name, 2)]), failsWith('BUS.TOPIC_MISMATCH'));
  await assert.rejects(bus.declare([untypedTopic(topic.name, 4)]), failsWith('BUS.TOPIC_MISMATCH'));
  await assert.rejects(
    bus.publish(untypedTopic(topic.name, 4), [{ key: 'k', value: 1 }]),
    failsWith('BUS.TOPIC_MISMATCH'),
  );
});

test('publish: to an undeclared topic, too large for the broker, on a closed bus — each a clear error', async (t) => {
  const bus = await open();
  t.after(() => bus.close());
  await assert.rejects(bus.publish(untypedTopic(name(), 1), [{ key: 'k', value: 1 }]), failsWith('BUS.UNKNOWN_TOPIC'));

  const topic = untypedTopic(name(), 1);
  await bus.declare([topic]);
  const huge = 'x'.repeat(2 * 1024 * 1024); // above the broker's 1 MiB max.message.bytes
  const error = await bus.publish(topic, [{ key: 'k', value: huge }]).catch((caught: unknown) => caught);
  assert.ok(failsWith('BUS.PUBLISH_FAILED')(error), String(error));
  assert.match((error as BusError).message, /MESSAGE_TOO_LARGE/, "the broker's reason is in the message");
  assert.ok((error as BusError).cause instanceof Error, 'the client error is kept as the cause');

  await bus.close();
  await bus.close();
  await assert.rejects(bus.publish(topic, [{ key: 'k', value: 1 }]), failsWith('BUS.CLOSED'));
  await assert.rejects(bus.subscribe({ group: 'g', topic, handle: () => Promise.resolve() }), failsWith('BUS.CLOSED'));
});

test('the observer hears of publishes and of the lag of each owned partition, down to zero', async (t) => {
  const published: number[] = [];
  const lags: number[] = [];
  const observer: BusObserver = {
    published: ({ count }) => published.push(count),
    lag: ({ lag, partition }) => void (partition === 0 && lags.push(lag)),
  };
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  t.after(() => release());
  const bus = await open({ observer, lagIntervalMs: 50 });
  t.after(() => bus.close());
  const topic = untypedTopic(name(), 1);
  await bus.declare([topic]);
  await bus.publish(
    topic,
    Array.from({ length: 5 }, (_, n) => ({ key: 'k', value: n })),
  );
  assert.deepEqual(published, [5]);
  const subscription = await bus.subscribe({ group: `g-${randomUUID()}`, topic, handle: () => gate });
  t.after(() => subscription.close());
  await eventually(() => lags.includes(5), 'a lag of 5 while the first message is held');
  release();
  await eventually(() => lags.at(-1) === 0, 'the lag to fall to 0 once all are committed');
});

test('a dead-letter topic that exists already keeps its partition count; letters keep the key', async (t) => {
  const bus = await open();
  t.after(() => bus.close());
  const topic = untypedTopic(name(), 3);
  const dlq = untypedTopic(`${topic.name}.dlq`, 1);
  await bus.declare([topic, dlq]);
  const subscription = await bus.subscribe({
    group: `g-${randomUUID()}`,
    topic,
    retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' },
    handle: () => Promise.reject(new Error('no')),
  });
  t.after(() => subscription.close());
  const letters: string[] = [];
  const reader = await bus.subscribe({
    group: `g-${randomUUID()}`,
    topic: dlq,
    handle: (message) => Promise.resolve(void letters.push(message.key)),
  });
  t.after(() => reader.close());
  await bus.publish(topic, [
    { key: 'a', value: 1 },
    { key: 'b', value: 2 },
  ]);
  await eventually(() => letters.length === 2, 'both letters');
  assert.deepEqual(letters.sort(), ['a', 'b']);
});
