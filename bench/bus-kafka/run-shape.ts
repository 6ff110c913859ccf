import type { Counter } from '../lib/counter.ts';

/** What a contender is made with. */
export interface ContenderSetup {
  readonly brokers: readonly string[];
  readonly partitions: number;
  /** Names the topics it makes, so they are deleted at the end. */
  readonly track: (...topics: string[]) => void;
}

/** What one throughput run is asked to do. */
export interface ThroughputOptions {
  readonly total: number;
  readonly batchSize: number;
  /** Batches in flight at once. */
  readonly window: number;
  /** A phase that takes longer fails the run. */
  readonly timeoutMs: number;
  readonly label: string;
}

/** Milliseconds each phase took for `total` records. */
export interface ThroughputRun {
  readonly total: number;
  /** Publish only (no consumer running): first publish sent → last acknowledged. */
  readonly publishMs: number;
  /** A fresh group reads the full topic: first record handled → last (ConsumerPerformance's "fetch time"). */
  readonly consumeMs: number;
  /** A consumer subscribed first, then the publishes: first publish sent → last record handled. */
  readonly endToEndMs: number;
  /** Events read more than once by the two consumers (written twice, or delivered twice). */
  readonly duplicates: number;
}

/** What the phases need of a client: ours (the bus) or the bare library. */
export interface Contender {
  /** Creates a fresh topic of `partitions` and returns its name. */
  createTopic(): Promise<string>;
  /** Publishes records `first … first+count-1` as one batch, resolving once acknowledged. */
  publish(topic: string, first: number, count: number): Promise<unknown>;
  /** Joins a fresh group on the topic, from the earliest offset, counting what it reads. */
  count(topic: string, total: number): Promise<Counter>;
  close(): Promise<void>;
}

export function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}
