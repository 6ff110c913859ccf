// End-to-end latency at a steady 10,000 events/s (open loop) through our Kafka adapter and through
// the bare client, and in Kafka's EndToEndLatency closed loop next to that tool itself, all
// measured in this run against the same broker.
//   npm run bench -- kafka-latency        (or: node bench/bus-kafka-latency.ts [--seconds 20])
import { parseArgs } from 'node:util';
import { untypedTopic } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { endToEndLatency, producerPerformance } from './bus-kafka/kafka-tools.ts';
import { bareClient } from './bus-kafka/bare-latency-client.ts';
import { oursClient } from './lib/bus-latency-client.ts';
import { closedLoop, openLoop, type OpenLoopResult } from './lib/latency-loops.ts';
import { barChart } from './lib/chart.ts';
import { int, ms, ratio, table } from './lib/format.ts';
import { kafkaBrokers, requireKafka, TopicJanitor } from './lib/kafka.ts';
import { machineLine } from './lib/machine.ts';
import { benchName } from './lib/names.ts';
import { eventBytes } from './lib/payload.ts';
import { Progress, say, survivePipeClose } from './lib/progress.ts';
import type { Summary } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    'warm-up': { type: 'string', default: '3' },
    'closed-loop': { type: 'string', default: '2000' },
  },
});
survivePipeClose();
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const warmUpSeconds = Number(args['warm-up']);
const closedCount = Number(args['closed-loop']);
const partitions = 12;
const header = ['', 'p50', 'p99', 'p99.9', 'max', 'mean', 'events'];
const brokers = kafkaBrokers();
await requireKafka(brokers);
const janitor = new TopicJanitor(brokers);
const track = (...names: string[]): void => janitor.track(...names);

process.stdout.write(
  `${machineLine(true)}\n` +
    `events of ${eventBytes} bytes on fresh ${partitions}-partition topics, acks=all; ` +
    `latency = handled by the consumer − due to be sent (same process, same clock)\n\n`,
);
const bus = await createKafkaBus({ brokers, clientId: 'eventflow-bench' });
try {
  const loop = { rate, seconds, warmUpSeconds };
  say(`open loop: ${int(rate)} events/s, ${warmUpSeconds} s warm-up + ${seconds} s measured, ours then bare`);
  const ours = await openLoop(await oursClient(bus, partitions, track), { ...loop, label: 'ours' });
  const bareLatency = await bareClient(brokers, partitions, track);
  const bare = await openLoop(bareLatency, { ...loop, label: 'bare' }).finally(() => bareLatency.close());

  say(`Kafka ProducerPerformance at ${int(rate)} records/s for 10 s: the producer half`);
  const perfTopic = benchName('producer-perf-paced');
  track(perfTopic);
  await bus.declare([untypedTopic(perfTopic, partitions)]);
  const producer = await producerPerformance({
    brokers,
    topic: perfTopic,
    records: rate * 10,
    recordSize: eventBytes,
    throughput: rate,
    timeoutMs: 60_000,
  });

  say(`closed loop, ${int(closedCount)} events one at a time: ours, then Kafka's EndToEndLatency`);
  const closed = await closedLoop(await oursClient(bus, partitions, track), {
    label: 'ours, closed loop',
    count: closedCount,
  });
  const e2eTopic = benchName('end-to-end-latency');
  track(e2eTopic);
  await bus.declare([untypedTopic(e2eTopic, partitions)]);
  const toolProgress = new Progress('Kafka EndToEndLatency', closedCount, 'ev');
  const kafka = await endToEndLatency({
    brokers,
    topic: e2eTopic,
    records: closedCount,
    recordSize: eventBytes,
    timeoutMs: 120_000,
    onProgress: (done) => toolProgress.update(done),
  });
  toolProgress.finish(closedCount);

  reportOpenLoop(ours, bare, producer);
  reportClosedLoop(closed, kafka);
  process.stdout.write(
    barChart('p99 latency, ms', [
      { label: `ours at ${int(rate)}/s`, value: ours.endToEnd.p99, text: ms(ours.endToEnd.p99) },
      { label: `bare at ${int(rate)}/s`, value: bare.endToEnd.p99, text: ms(bare.endToEnd.p99) },
      { label: 'ours, closed loop', value: closed.p99, text: ms(closed.p99) },
      { label: 'EndToEndLatency, closed loop', value: kafka.p99Ms, text: `${kafka.p99Ms} ms (whole ms)` },
    ]),
  );
} finally {
  await bus.close();
  await janitor.deleteAll().catch((error: unknown) => say(`could not delete the benchmark topics: ${String(error)}`));
}

type Figures = Pick<Summary, 'p50' | 'p99' | 'p999' | 'max' | 'mean'>;

function row(label: string, figures: Figures, count: string): string[] {
  return [label, ms(figures.p50), ms(figures.p99), ms(figures.p999), ms(figures.max), ms(figures.mean), count];
}

function reportOpenLoop(
  ours: OpenLoopResult,
  bare: OpenLoopResult,
  producer: Awaited<ReturnType<typeof producerPerformance>>,
): void {
  const perf: Figures = {
    p50: producer.p50Ms,
    p99: producer.p99Ms,
    p999: producer.p999Ms,
    max: producer.maxMs,
    mean: producer.avgMs,
  };
  const notes = [ours, bare].map(
    (run, i) =>
      `${i === 0 ? 'ours' : 'bare'}: pacer's worst lag ${ms(run.worstPacerLagMs)}, failed publishes ${run.failedPublishes}, not received ${run.missing}`,
  );
  process.stdout.write(
    `open loop: ${int(rate)} events/s for ${seconds} s (after ${warmUpSeconds} s of warm-up), publishing every ~1 ms what fell due\n` +
      table([
        header,
        row('ours publish→consume', ours.endToEnd, int(ours.endToEnd.count)),
        row('bare publish→consume', bare.endToEnd, int(bare.endToEnd.count)),
        row('ours publish → acknowledged', ours.publishAck, int(ours.publishAck.count)),
        row('bare publish → acknowledged', bare.publishAck, int(bare.publishAck.count)),
        row('Kafka ProducerPerformance → ack', perf, int(producer.records)),
      ]) +
      `${notes.join('; ')}\n` +
      `ratio ours / bare at ${int(rate)}/s: p50 ${ratio(ours.endToEnd.p50, bare.endToEnd.p50)}, p99 ${ratio(ours.endToEnd.p99, bare.endToEnd.p99)}\n` +
      `the issue's aim: p99 under 10 ms at ${int(rate)} events/s; ours measured ${ms(ours.endToEnd.p99)}\n` +
      `ProducerPerformance prints whole ms and batches with linger.ms=5; it measures the producer half only.\n\n`,
  );
}

function reportClosedLoop(closed: Summary, kafka: Awaited<ReturnType<typeof endToEndLatency>>): void {
  const whole = (value: number): number => Math.floor(value);
  const truncated: Figures = {
    p50: whole(closed.p50),
    p99: whole(closed.p99),
    p999: whole(closed.p999),
    max: whole(closed.max),
    mean: closed.mean,
  };
  const tool: Figures = { p50: kafka.p50Ms, p99: kafka.p99Ms, p999: kafka.p999Ms, max: Number.NaN, mean: kafka.avgMs };
  process.stdout.write(
    `closed loop, as Kafka's EndToEndLatency works: publish one event, wait until it is consumed, then the next (${int(closedCount)} events; not 10k/s)\n` +
      table([
        header,
        row('ours', closed, int(closed.count)),
        row('ours, whole ms like the tool', truncated, ''),
        row('Kafka EndToEndLatency', tool, int(closedCount)),
      ]) +
      `EndToEndLatency keeps whole ms, truncated (its mean is exact); its consumer polls with fetch.max.wait.ms=0, assigned, no group, no commits.\n` +
      `ratio ours / EndToEndLatency, closed loop: mean ${ratio(closed.mean, kafka.avgMs)}` +
      (kafka.p99Ms > 0 ? `, p99 (whole ms) ${ratio(truncated.p99, kafka.p99Ms)}` : '') +
      '\n\n',
  );
}
