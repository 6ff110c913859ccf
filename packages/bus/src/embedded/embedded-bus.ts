import { deadLetterTopicOf, type DeadLetter } from '../delivery.ts';
import { BusError } from '../errors.ts';
import type { OutgoingMessage } from '../headers.ts';
import { partitionFor } from '../partitioner.ts';
import type { Bus, BusObserver, PublishReceipt, SubscribeOptions, Subscription } from '../port.ts';
import { validateRetryPolicy } from '../retry.ts';
import type { Topic } from '../topic.ts';
import type { EngineLease } from './engine-registry.ts';
import { encodeFrame } from './frame.ts';
import { GroupMember } from './group-member.ts';
import { appendRecords, prepareMessages } from './outgoing.ts';
import type { StoredTopic } from './topic-catalog.ts';

export interface EmbeddedBusOptions {
  /** The folder of the bus's files, created if missing; one process at a time may open it. */
  readonly dir: string;
  readonly observer?: BusObserver;
  /** For retry jitter; default Math.random. */
  readonly random?: () => number;
}

/** One bus handle on a shared engine: its own observer, its own subscriptions. */
export class EmbeddedBus implements Bus {
  readonly kind = 'embedded';
  readonly #lease: EngineLease;
  readonly #options: EmbeddedBusOptions;
  readonly #subscriptions = new Set<Subscription>();
  readonly #publishing = new Set<Promise<unknown>>();
  #state: 'open' | 'closing' | 'closed' = 'open';
  #closed: Promise<void> | undefined;

  constructor(lease: EngineLease, options: EmbeddedBusOptions) {
    this.#lease = lease;
    this.#options = options;
  }

  /** The log is in this process: answers while the bus is open, with the folder it writes. */
  ping(): Promise<string> {
    this.#assertState('closing');
    return Promise.resolve(`embedded log in ${this.#options.dir}`);
  }

  async declare(topics: ReadonlyArray<Topic<unknown>>): Promise<void> {
    this.#assertState('closing');
    for (const topic of topics) await this.#lease.engine.topics.declare(topic.name, topic.partitions);
  }

  publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
    const run = this.#publish(topic, messages);
    this.#publishing.add(run);
    const forget = (): void => void this.#publishing.delete(run);
    run.then(forget, forget);
    return run;
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<Subscription> {
    this.#assertState('open');
    if (options.retry !== undefined) validateRetryPolicy(options.retry);
    const { topics, groups } = this.#lease.engine;
    const topic = await topics.declare(options.topic.name, options.topic.partitions);
    const deadLetterName = deadLetterTopicOf(options);
    const deadLetters = await topics.declare(deadLetterName, options.topic.partitions, 'keep');
    this.#assertState('open');
    const { observer, random } = this.#options;
    const member = new GroupMember(options, {
      ...(observer === undefined ? {} : { observer }),
      ...(random === undefined ? {} : { random }),
      sendToDeadLetter: (letter) => this.#sendToDeadLetter(deadLetters, letter),
    });
    const leave = groups.join(options.group, topic, member, options.startAt ?? 'earliest');
    let closing: Promise<void> | undefined;
    const subscription: Subscription = {
      group: options.group,
      topic: topic.name,
      close: () => (closing ??= leave().finally(() => this.#subscriptions.delete(subscription))),
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Closes the subscriptions (their handlers finish, their commits are flushed), then lets go of the engine. */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#state = 'closing';
    const closed = await Promise.allSettled([...this.#subscriptions].map((subscription) => subscription.close()));
    this.#state = 'closed';
    await Promise.allSettled([...this.#publishing]);
    await this.#lease.release();
    const failure = closed.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  async #publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
    // Everything up to the appends runs in the caller's turn, so publishes are appended in call order.
    this.#assertState('closing');
    const stored = this.#lease.engine.topics.get(topic.name);
    if (stored === undefined) {
      throw new BusError('BUS.UNKNOWN_TOPIC', `topic ${topic.name} is not declared`, { topic: topic.name });
    }
    if (stored.partitions !== topic.partitions) {
      throw new BusError(
        'BUS.TOPIC_MISMATCH',
        `topic ${topic.name} has ${stored.partitions} partitions, not ${topic.partitions}`,
        { topic: topic.name, existing: stored.partitions, declared: topic.partitions },
      );
    }
    const prepared = prepareMessages(topic, messages);
    if (prepared.length === 0) return [];
    await appendRecords(stored, prepared);
    this.#options.observer?.published?.({ topic: topic.name, count: prepared.length });
    return prepared.map(({ partition, messageId }) => ({ topic: topic.name, partition, messageId }));
  }

  /** The letter keeps its key, its bytes and the headers it is given, as they are. */
  async #sendToDeadLetter(topic: StoredTopic, letter: DeadLetter): Promise<void> {
    const frame = encodeFrame({ key: letter.key, value: letter.value, headers: letter.headers, timestamp: Date.now() });
    await appendRecords(topic, [{ partition: partitionFor(letter.key, topic.partitions), frame }]);
    this.#options.observer?.published?.({ topic: topic.name, count: 1 });
  }

  /** Throws BUS.CLOSED unless the bus is `open`, or (when allowed) still `closing`. */
  #assertState(allowed: 'open' | 'closing'): void {
    if (this.#state === 'open' || (allowed === 'closing' && this.#state === 'closing')) return;
    throw new BusError('BUS.CLOSED', 'the bus is closed');
  }
}
