import { within } from '../lib/deadline.ts';
import { Progress, say } from '../lib/progress.ts';
import { pump } from '../lib/pump.ts';
import type { Counter } from '../lib/counter.ts';
import type { Contender, ThroughputOptions, ThroughputRun } from './run-shape.ts';

/**
 * The three phases, the same for every Node contender: publish only into a fresh topic; a fresh
 * group reads that topic (consume only); then publish into another fresh topic while a consumer
 * that joined first reads it (end to end, the headline figure).
 */
export async function measureThroughput(contender: Contender, options: ThroughputOptions): Promise<ThroughputRun> {
  const { label, total } = options;
  const filled = await contender.createTopic();
  let published = 0;
  const publishOnly = new Progress(`${label} publish only`, total).watch(() => ({ done: published }));
  const publishMs = await publishAll(contender, filled, options, (done) => (published = done)).finally(publishOnly);

  const reader = await contender.count(filled, total);
  await watched(reader, `${label} consume only`, options, () => '');
  const consumeMs = reader.lastAt - reader.firstAt;

  const live = await contender.createTopic();
  const consumer = await contender.count(live, total);
  published = 0;
  const began = performance.now();
  const publishing = publishAll(contender, live, options, (done) => (published = done));
  const note = (): string => `${published.toLocaleString('en-US')} published`;
  await Promise.all([publishing, watched(consumer, `${label} publish→consume`, options, note)]);
  const duplicates = reader.duplicates + consumer.duplicates;
  return { total, publishMs, consumeMs, endToEndMs: consumer.lastAt - began, duplicates };
}

/** Publishes every record, batches in flight as the options say; returns how long it took. */
async function publishAll(
  contender: Contender,
  topic: string,
  options: ThroughputOptions,
  acknowledged: (done: number) => void,
): Promise<number> {
  const began = performance.now();
  const work = pump({
    ...options,
    send: (first, count) => contender.publish(topic, first, count),
    progress: acknowledged,
  });
  await within(work, options.timeoutMs, `${options.label} publishing`);
  return performance.now() - began;
}

/** Awaits the counter's last record with progress on stderr, then leaves the group. */
async function watched(counter: Counter, label: string, options: ThroughputOptions, note: () => string): Promise<void> {
  const stop = new Progress(label, options.total).watch(() => ({ done: counter.distinct, note: note() }));
  try {
    await within(counter.done, options.timeoutMs, label);
  } finally {
    stop();
    await counter.close();
  }
  if (counter.duplicates > 0) say(`${label}: ${counter.duplicates} events read twice (counted once)`);
}
