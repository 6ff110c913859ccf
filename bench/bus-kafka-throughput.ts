// Publish→consume throughput of 100-byte events on a fresh 12-partition topic: our Kafka adapter,
// the bare @platformatic/kafka client doing the same, and Kafka's own ProducerPerformance and
// ConsumerPerformance, all measured in this run against the same broker.
//   npm run bench -- kafka-throughput        (or: node bench/bus-kafka-throughput.ts [--records N])
import { parseArgs } from 'node:util';
import { untypedTopic } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { bare } from './bus-kafka/bare.ts';
import { consumerPerformance, producerPerformance } from './bus-kafka/kafka-tools.ts';
import { ours } from './bus-kafka/ours.ts';
import { measureThroughput } from './bus-kafka/phases.ts';
import type { ContenderSetup, ThroughputOptions, ThroughputRun } from './bus-kafka/run-shape.ts';
import { barChart } from './lib/chart.ts';
import { fixed, int, mib, ratio, table } from './lib/format.ts';
import { kafkaBrokers, requireKafka, TopicJanitor } from './lib/kafka.ts';
import { machineLine } from './lib/machine.ts';
import { benchName } from './lib/names.ts';
import { eventBytes } from './lib/payload.ts';
import { say, survivePipeClose } from './lib/progress.ts';
import { median } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '150000' },
    rounds: { type: 'string', default: '2' },
    batch: { type: 'string', default: '100' },
    window: { type: 'string', default: '8' },
  },
});
survivePipeClose();
const total = Number(args.records);
const rounds = Number(args.rounds);
const partitions = 12;
const brokers = kafkaBrokers();
await requireKafka(brokers);
const janitor = new TopicJanitor(brokers);
const setup: ContenderSetup = { brokers, partitions, track: (...names) => janitor.track(...names) };
const base: ThroughputOptions = {
  total,
  batchSize: Number(args.batch),
  window: Number(args.window),
  timeoutMs: 90_000,
  label: '',
};

process.stdout.write(
  `${machineLine(true)}\n` +
    `publish→consume of ${int(total)} events of ${eventBytes} bytes on fresh ${partitions}-partition topics; ` +
    `Node clients publish batches of ${base.batchSize}, ${base.window} in flight; ${rounds} rounds each (ABBA order)\n\n`,
);

const bus = await createKafkaBus({ brokers, clientId: 'eventflow-bench' });
const contenders = { ours: ours(bus, setup), bare: bare(setup) };
const runs = { ours: [] as ThroughputRun[], bare: [] as ThroughputRun[] };
try {
  const warmUp = Math.min(total, 50_000);
  say(`warm-up: ${int(warmUp)} events through each Node contender (connections, JIT); not counted`);
  await measureThroughput(contenders.ours, { ...base, total: warmUp, label: 'warm-up ours' });
  await measureThroughput(contenders.bare, { ...base, total: warmUp, label: 'warm-up bare' });
  for (let round = 1; round <= rounds; round++) {
    // ABBA: ours, bare, bare, ours… so a drift of the machine falls on both alike.
    const order = round % 2 === 1 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
    for (const who of order) {
      const label = `round ${round}/${rounds} ${who}`;
      const run = await measureThroughput(contenders[who], { ...base, label });
      runs[who].push(run);
      say(`${label}: publish→consume ${int(rate(run.endToEndMs))} msg/s`);
    }
  }
  const perfTopic = benchName('producer-perf');
  janitor.track(perfTopic);
  await bus.declare([untypedTopic(perfTopic, partitions)]);
  say(`ProducerPerformance: ${int(total)} records of ${eventBytes} bytes, --throughput -1, acks=all`);
  const producer = await producerPerformance({
    brokers,
    topic: perfTopic,
    records: total,
    recordSize: eventBytes,
    throughput: -1,
    timeoutMs: 90_000,
  });
  say(`ConsumerPerformance: reads those ${int(total)} records in a fresh group`);
  const consumer = await consumerPerformance({
    brokers,
    topic: perfTopic,
    group: benchName('consumer-perf'),
    records: total,
    timeoutMs: 90_000,
  });
  report(producer.recordsPerSec, consumer.recordsPerSec);
} finally {
  await contenders.bare.close();
  await bus.close();
  await janitor.deleteAll().catch((error: unknown) => say(`could not delete the benchmark topics: ${String(error)}`));
}

function rate(ms: number): number {
  return total / (ms / 1000);
}

function figure(
  who: 'ours' | 'bare',
  phase: 'publishMs' | 'consumeMs' | 'endToEndMs',
): { value: number; rounds: string } {
  const rates = runs[who].map((run) => rate(run[phase]));
  return { value: median(rates), rounds: rates.map(int).join(' / ') };
}

function duplicates(): string {
  const sum = (list: ThroughputRun[]): number => list.reduce((total, run) => total + run.duplicates, 0);
  return `ours ${int(sum(runs.ours))}, bare ${int(sum(runs.bare))} over all rounds`;
}

function report(producerPerSec: number, consumerPerSec: number): void {
  const rows: Array<{ label: string; value: number; rounds: string }> = [
    { label: 'ours  publish→consume (end to end)', ...figure('ours', 'endToEndMs') },
    { label: 'bare  publish→consume (end to end)', ...figure('bare', 'endToEndMs') },
    { label: 'ours  publish only', ...figure('ours', 'publishMs') },
    { label: 'bare  publish only', ...figure('bare', 'publishMs') },
    { label: 'Kafka ProducerPerformance (publish only)', value: producerPerSec, rounds: '1 run' },
    { label: 'ours  consume only', ...figure('ours', 'consumeMs') },
    { label: 'bare  consume only', ...figure('bare', 'consumeMs') },
    { label: 'Kafka ConsumerPerformance (consume only)', value: consumerPerSec, rounds: '1 run' },
  ];
  const at = (i: number): number => rows[i]?.value ?? Number.NaN;
  const [oursE2e, bareE2e, oursPub, barePub, oursCon, bareCon] = [at(0), at(1), at(2), at(3), at(5), at(6)];
  process.stdout.write(
    table([
      ['contender', 'msg/s', 'MB/s', 'rounds (msg/s)'],
      ...rows.map((row) => [row.label, int(row.value), fixed((row.value * eventBytes) / mib, 2), row.rounds]),
    ]) +
      '\nMB/s counts the 100-byte values in MiB, as Kafka’s tools do; figures are the median of the rounds.\n' +
      `events read twice (written twice by the producer, or delivered twice): ${duplicates()}\n\n` +
      table([
        ['ratio', 'value', 'note'],
        ['ours / bare, publish→consume', ratio(oursE2e, bareE2e), 'the aim: ≥ 0.90×'],
        ['ours / bare, publish', ratio(oursPub, barePub), ''],
        ['ours / bare, consume only', ratio(oursCon, bareCon), ''],
        ['ours publish / ProducerPerformance', ratio(oursPub, producerPerSec), 'like for like: produce only'],
        ['ours publish→consume / ProducerPerformance', ratio(oursE2e, producerPerSec), 'ours does more'],
        ['ours consume only / ConsumerPerformance', ratio(oursCon, consumerPerSec), 'like for like: consume only'],
      ]) +
      '\n' +
      barChart(
        'msg/s',
        rows.map((row) => ({ label: row.label, value: row.value, text: int(row.value) })),
      ),
  );
}
