import { runKafkaTool } from '../lib/java-tools.ts';
import { say } from '../lib/progress.ts';

export interface ProducerPerformanceResult {
  readonly records: number;
  readonly recordsPerSec: number;
  /** Kafka's MB: 2^20 bytes of record values. */
  readonly mbPerSec: number;
  /** The producer's send → acknowledgement latencies it reports, in ms. */
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

const summary =
  /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th/;

/** Kafka's own `kafka-producer-perf-test`: `records` of `recordSize` random bytes, no key, no headers. */
export async function producerPerformance(options: {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly records: number;
  readonly recordSize: number;
  /** Records per second, or -1 for as fast as it goes. */
  readonly throughput: number;
  readonly timeoutMs: number;
}): Promise<ProducerPerformanceResult> {
  const lines = await runKafkaTool(
    'ProducerPerformance',
    [
      ...['--bootstrap-server', options.brokers.join(','), '--topic', options.topic],
      ...['--num-records', String(options.records), '--record-size', String(options.recordSize)],
      ...['--throughput', String(options.throughput), '--command-property', 'acks=all'],
    ],
    { timeoutMs: options.timeoutMs, onLine: (line) => say(`  ProducerPerformance: ${line}`) },
  );
  const match = lines.map((line) => summary.exec(line)).find((found) => found !== null);
  if (match === undefined || match === null)
    throw new Error(`ProducerPerformance printed no summary:\n${lines.join('\n')}`);
  const field = (i: number): number => Number(match[i]);
  return {
    records: field(1),
    recordsPerSec: field(2),
    mbPerSec: field(3),
    avgMs: field(4),
    maxMs: field(5),
    p50Ms: field(6),
    p99Ms: field(7),
    p999Ms: field(8),
  };
}

export interface ConsumerPerformanceResult {
  readonly records: number;
  /** Records over the fetch time (the whole run less the group join), as the tool computes it. */
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly joinMs: number;
}

/** Kafka's own `kafka-consumer-perf-test`: one consumer in a fresh group reads `records` from the topic. */
export async function consumerPerformance(options: {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly group: string;
  readonly records: number;
  readonly timeoutMs: number;
}): Promise<ConsumerPerformanceResult> {
  const lines = await runKafkaTool(
    'ConsumerPerformance',
    [
      ...['--bootstrap-server', options.brokers.join(','), '--topic', options.topic],
      ...['--num-records', String(options.records), '--group', options.group, '--timeout', '30000'],
    ],
    { timeoutMs: options.timeoutMs, onLine: (line) => say(`  ConsumerPerformance: ${line}`) },
  );
  const headerAt = lines.findIndex((line) => line.startsWith('start.time'));
  const names = (lines[headerAt] ?? '').split(',').map((name) => name.trim());
  const values = (lines[headerAt + 1] ?? '').split(',').map((value) => value.trim());
  const field = (name: string): number => Number(values[names.indexOf(name)]);
  if (headerAt < 0 || !Number.isFinite(field('fetch.nMsg.sec'))) {
    throw new Error(`ConsumerPerformance printed no summary:\n${lines.join('\n')}`);
  }
  return {
    records: field('data.consumed.in.nMsg'),
    recordsPerSec: field('fetch.nMsg.sec'),
    mbPerSec: field('fetch.MB.sec'),
    joinMs: field('rebalance.time.ms'),
  };
}

export interface EndToEndLatencyResult {
  readonly avgMs: number;
  /** Whole milliseconds, truncated: the tool keeps its latencies as integer ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
}

/**
 * Kafka's own `EndToEndLatency`: a closed loop, one record at a time — send it, wait for the
 * acknowledgement, poll until it is read, and only then send the next.
 */
export async function endToEndLatency(options: {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly records: number;
  readonly recordSize: number;
  readonly timeoutMs: number;
  readonly onProgress?: (done: number) => void;
}): Promise<EndToEndLatencyResult> {
  const lines = await runKafkaTool(
    'EndToEndLatency',
    [options.brokers.join(','), options.topic, String(options.records), 'all', String(options.recordSize)],
    {
      timeoutMs: options.timeoutMs,
      onLine: (line) => {
        const done = /^(\d+)\t/.exec(line)?.[1];
        if (done !== undefined) options.onProgress?.(Number(done));
      },
    },
  );
  const avg = lines.map((line) => /Avg latency: ([\d.]+) ms/.exec(line)?.[1]).find((found) => found !== undefined);
  const percentiles = lines
    .map((line) => /Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(line))
    .find((found) => found !== null);
  if (avg === undefined || percentiles === undefined || percentiles === null) {
    throw new Error(`EndToEndLatency printed no summary:\n${lines.join('\n')}`);
  }
  return {
    avgMs: Number(avg),
    p50Ms: Number(percentiles[1]),
    p99Ms: Number(percentiles[2]),
    p999Ms: Number(percentiles[3]),
  };
}
