import type { MessageHeaders, OutgoingMessage } from './headers.ts';
import type { RetryPolicy } from './retry.ts';
import type { Topic } from './topic.ts';

/** A message as a handler receives it. */
export interface Envelope<T> {
  readonly topic: string;
  readonly partition: number;
  /** The position in its partition, as a decimal string (Kafka offsets exceed 2^53). */
  readonly offset: string;
  readonly key: string;
  readonly value: T;
  readonly headers: MessageHeaders;
  /** 1 on first delivery to this handler in this process, then 2, 3… while it is retried. */
  readonly attempt: number;
}

export interface PublishReceipt {
  readonly topic: string;
  readonly partition: number;
  readonly messageId: string;
}

export interface SubscribeOptions<T> {
  /** The consumer group: members share the partitions; each message is handled by one of them. */
  readonly group: string;
  readonly topic: Topic<T>;
  readonly handle: (message: Envelope<T>) => Promise<void>;
  /**
   * How a failing handler is tried again (fields left out take their defaults: 5 tries, 100 ms
   * doubling to 10 s, full jitter). After the last attempt, or after the first when the handler
   * throws a permanent error (`permanentError`), the message goes to the dead-letter topic.
   */
  readonly retry?: RetryPolicy;
  /** Default `<topic>.dlq`, declared with the topic's partition count. */
  readonly deadLetterTopic?: string;
  /**
   * Where a group that has committed nothing on a partition starts: at the first record kept
   * (`earliest`: a new projection rebuilds from the whole history) or after the last one
   * (`latest`: a live viewer that only wants what happens from now on). A group that committed
   * resumes where it left off either way.
   * @default 'earliest'
   */
  readonly startAt?: 'earliest' | 'latest';
}

export interface Subscription {
  readonly group: string;
  readonly topic: string;
  /** Stops fetching, lets in-flight handlers finish, commits what they finished, leaves the group. */
  close(): Promise<void>;
}

/** Called by a bus as things happen, for /metrics; every method optional. */
export interface BusObserver {
  published?(event: { topic: string; count: number }): void;
  handled?(event: {
    topic: string;
    group: string;
    partition: number;
    durationMs: number;
    outcome: 'ok' | 'retry' | 'dead-letter';
  }): void;
  deadLettered?(event: { topic: string; group: string; code: string }): void;
  lag?(event: { topic: string; group: string; partition: number; lag: number }): void;
}

/**
 * The event bus port. Delivery is at least once: an offset is committed only after its handler
 * succeeded (or the message was dead-lettered), so a consumer that dies before that sees it again.
 * One key always maps to one partition (Kafka's Java partitioner), and a partition is handled in
 * order, one message at a time, so messages with the same key are handled in publish order.
 */
export interface Bus {
  readonly kind: 'kafka' | 'embedded';
  /** Creates the topics that do not exist yet, with their partition counts. */
  declare(topics: ReadonlyArray<Topic<unknown>>): Promise<void>;
  /** Validates every payload first (nothing is sent if one is invalid), then sends them as one batch. */
  publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]>;
  subscribe<T>(options: SubscribeOptions<T>): Promise<Subscription>;
  /**
   * A round trip to the broker for readiness (Kafka: a metadata request answered by the cluster),
   * resolving with what it reached; rejects when the broker does not answer. Optional: wrappers and
   * fakes may not have one.
   */
  ping?(): Promise<string>;
  /** Closes every subscription (gracefully) and the producer. */
  close(): Promise<void>;
}
