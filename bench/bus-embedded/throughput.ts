import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineTopic, type Bus, type Topic } from '@eventflow/bus';
import { Counter } from '../lib/counter.ts';
import { within } from '../lib/deadline.ts';
import { benchName } from '../lib/names.ts';
import { orderEvent, orderEventSchema, type OrderEvent } from '../lib/payload.ts';
import { Progress } from '../lib/progress.ts';
import { pump } from '../lib/pump.ts';

export interface EmbeddedRun {
  /** Publish only, no subscriber: first publish → last acknowledged (fsynced). */
  readonly publishMs: number;
  /** The fdatasyncs the publish-only phase made. */
  readonly fsyncs: number;
  /** A fresh group reads the published topic: first event handled → last. */
  readonly consumeMs: number;
  /** A subscriber joined first, then the same publishes: first publish → last event handled. */
  readonly endToEndMs: number;
  /** Bytes the log grew by per event: a frame with its headers. */
  readonly frameBytes: number;
}

export interface EmbeddedOptions {
  readonly busDir: string;
  readonly label: string;
  readonly total: number;
  readonly partitions: number;
  readonly batchSize: number;
  /** Publishes in flight at once: 1 for one batch after another, 64 for 64 concurrent publishers. */
  readonly concurrency: number;
  readonly fsyncs: () => number;
}

/** The three phases of the Kafka benchmark, on the embedded bus: publish only, consume only, publish→consume. */
export async function embeddedThroughput(bus: Bus, options: EmbeddedOptions): Promise<EmbeddedRun> {
  const filled = await freshTopic(bus, options.partitions);
  const fsyncsBefore = options.fsyncs();
  const publishMs = await publishAll(bus, filled, options, undefined);
  const fsyncs = options.fsyncs() - fsyncsBefore;
  const frameBytes = logBytes(options.busDir, filled.name) / options.total;

  const reader = await subscribe(bus, filled, options.total);
  await watched(reader, `${options.label}: consume only`, options.total);
  const consumeMs = reader.counter.lastAt - reader.counter.firstAt;

  const live = await freshTopic(bus, options.partitions);
  const consumer = await subscribe(bus, live, options.total);
  const began = performance.now();
  await Promise.all([publishAll(bus, live, options, consumer.counter), watched(consumer, '', options.total)]);
  return { publishMs, fsyncs, consumeMs, endToEndMs: consumer.counter.lastAt - began, frameBytes };
}

async function freshTopic(bus: Bus, partitions: number): Promise<Topic<OrderEvent>> {
  const topic = defineTopic<OrderEvent>({ name: benchName('embedded'), partitions, schema: orderEventSchema });
  await bus.declare([topic]);
  return topic;
}

/** Publishes every event as asked; with `reading`, progress shows what the subscriber has handled. */
async function publishAll(
  bus: Bus,
  topic: Topic<OrderEvent>,
  options: EmbeddedOptions,
  reading: Counter | undefined,
): Promise<number> {
  let published = 0;
  const label = `${options.label}: ${reading === undefined ? 'publish only' : 'publish→consume'}`;
  const stop = new Progress(label, options.total).watch(() =>
    reading === undefined
      ? { done: published }
      : { done: reading.distinct, note: `${published.toLocaleString('en-US')} published` },
  );
  const began = performance.now();
  try {
    const work = pump({
      total: options.total,
      batchSize: options.batchSize,
      window: options.concurrency,
      send: (first, count) =>
        bus.publish(
          topic,
          Array.from({ length: count }, (_, i) => {
            const value = orderEvent(first + i);
            return { key: value.orderId, value };
          }),
        ),
      progress: (done) => (published = done),
    });
    await within(work, 120_000, label);
    return performance.now() - began;
  } finally {
    stop();
  }
}

async function subscribe(bus: Bus, topic: Topic<OrderEvent>, total: number) {
  const counter = new Counter(total);
  const subscription = await bus.subscribe({
    group: benchName('embedded-group'),
    topic,
    handle: (message) => {
      counter.saw(message.key);
      return Promise.resolve();
    },
  });
  return { counter, subscription };
}

/** Awaits the subscriber's last event (with progress when `label` is given), then closes it. */
async function watched(reader: Awaited<ReturnType<typeof subscribe>>, label: string, total: number): Promise<void> {
  const stop =
    label === '' ? () => undefined : new Progress(label, total).watch(() => ({ done: reader.counter.distinct }));
  try {
    await within(reader.counter.done, 120_000, label || 'publish→consume');
  } finally {
    stop();
    await reader.subscription.close();
  }
}

/** The size of a topic's partition logs (`topics/<topic>/<partition>.log`, as docs/bus.md describes). */
function logBytes(busDir: string, topic: string): number {
  const dir = join(busDir, 'topics', topic);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}
