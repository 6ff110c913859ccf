import { Admin } from '@platformatic/kafka';
import { deadLetterTopicOf } from '../delivery.ts';
import { BusError } from '../errors.ts';
import type { OutgoingMessage } from '../headers.ts';
import type { Bus, PublishReceipt, SubscribeOptions, Subscription } from '../port.ts';
import { validateRetryPolicy } from '../retry.ts';
import type { Topic } from '../topic.ts';
import { GroupMember } from './group-member.ts';
import { KafkaSubscription } from './kafka-subscription.ts';
import { type KafkaBusOptions, type KafkaSettings, resolveSettings } from './options.ts';
import { Publisher } from './publisher.ts';
import { TopicCatalog } from './topic-catalog.ts';

/** The bus on Apache Kafka: one admin client, one idempotent producer, one consumer per subscription. */
export function createKafkaBus(options: KafkaBusOptions): Promise<Bus> {
  return Promise.resolve(new KafkaBus(options));
}

class KafkaBus implements Bus {
  readonly kind = 'kafka';
  readonly #options: KafkaBusOptions;
  readonly #settings: KafkaSettings;
  readonly #admin: Admin;
  readonly #catalog: TopicCatalog;
  readonly #publisher: Publisher;
  readonly #subscriptions = new Set<Subscription>();
  #closed: Promise<void> | undefined;

  constructor(options: KafkaBusOptions) {
    this.#options = options;
    this.#settings = resolveSettings(options);
    this.#admin = new Admin({ clientId: this.#settings.clientId, bootstrapBrokers: this.#settings.brokers });
    this.#catalog = new TopicCatalog(this.#admin, this.#settings.replicationFactor);
    this.#publisher = new Publisher(this.#settings, this.#catalog, options.observer);
  }

  async ping(): Promise<string> {
    this.#checkOpen();
    const metadata = await this.#admin.metadata({ topics: [], forceUpdate: true });
    if (metadata.brokers.size === 0) throw new Error('the cluster has no broker');
    return `kafka cluster ${metadata.id}, ${metadata.brokers.size} broker(s)`;
  }

  async declare(topics: ReadonlyArray<Topic<unknown>>): Promise<void> {
    this.#checkOpen();
    await this.#catalog.declare(topics);
  }

  async publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
    this.#checkOpen();
    return this.#publisher.publish(topic, messages);
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<Subscription> {
    this.#checkOpen();
    if (options.retry !== undefined) validateRetryPolicy(options.retry);
    await this.#catalog.declare([options.topic]);
    const deadLetterTopic = deadLetterTopicOf(options);
    // A dead-letter topic that already exists keeps its partition count; letters are keyed on it.
    const deadLetterPartitions = await this.#catalog.ensure(deadLetterTopic, options.topic.partitions);
    const subscription = new KafkaSubscription(options, {
      settings: this.#settings,
      sendToDeadLetter: (letter) => this.#publisher.sendDeadLetter(deadLetterTopic, deadLetterPartitions, letter),
      member: (events) =>
        new GroupMember(this.#settings, options.group, options.topic.name, events, options.startAt ?? 'earliest'),
      ...(this.#options.observer === undefined ? {} : { observer: this.#options.observer }),
      ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
    });
    this.#subscriptions.add(subscription);
    try {
      await subscription.start();
      this.#checkOpen();
    } catch (error) {
      await subscription.close();
      this.#subscriptions.delete(subscription);
      throw error;
    }
    return this.#handle(subscription);
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    // Handlers still running may publish: the producer closes after the subscriptions.
    await Promise.allSettled([...this.#subscriptions].map((subscription) => subscription.close()));
    await Promise.allSettled([this.#publisher.close(), this.#admin.close()]);
  }

  /** The subscription as its owner sees it: closing it also forgets it here. */
  #handle(subscription: Subscription): Subscription {
    return {
      group: subscription.group,
      topic: subscription.topic,
      close: async () => {
        await subscription.close();
        this.#subscriptions.delete(subscription);
      },
    };
  }

  #checkOpen(): void {
    if (this.#closed !== undefined) throw new BusError('BUS.CLOSED', 'the bus is closed');
  }
}
