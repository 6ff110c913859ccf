import { ProduceAcks, Producer, stringSerializer } from '@platformatic/kafka';
import type { DeadLetter } from '../delivery.ts';
import { BusError } from '../errors.ts';
import type { OutgoingMessage } from '../headers.ts';
import { partitionFor } from '../partitioner.ts';
import type { BusObserver, PublishReceipt } from '../port.ts';
import type { Topic } from '../topic.ts';
import { describeClientError } from './client-errors.ts';
import type { KafkaSettings } from './options.ts';
import { type KafkaRecord, toRecords } from './records.ts';
import { SendCoalescer } from './send-coalescer.ts';
import type { TopicCatalog } from './topic-catalog.ts';

/** The bus's one producer: idempotent (acks from all in-sync replicas, no duplicates on retry). */
export class Publisher {
  readonly #producer: Producer<string, Buffer, string, string>;
  readonly #catalog: TopicCatalog;
  readonly #observer: BusObserver | undefined;
  readonly #coalescer: SendCoalescer<KafkaRecord>;

  constructor(settings: KafkaSettings, catalog: TopicCatalog, observer: BusObserver | undefined) {
    this.#producer = new Producer({
      clientId: settings.clientId,
      bootstrapBrokers: settings.brokers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      retries: settings.publishRetries,
      serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer },
    });
    this.#catalog = catalog;
    this.#observer = observer;
    this.#coalescer = new SendCoalescer((records) => this.#producer.send({ messages: records }).then(() => undefined));
  }

  async publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
    const { records, receipts } = toRecords(topic, messages);
    if (records.length === 0) return [];
    // The partitions were computed with the declared count: the broker's must be the same.
    await this.#catalog.verify(topic);
    await this.#send(topic.name, records);
    this.#observer?.published?.({ topic: topic.name, count: records.length });
    return receipts;
  }

  /** Sends a dead letter as it is: its key, the original value's bytes and the headers given. */
  async sendDeadLetter(topic: string, partitions: number, letter: DeadLetter): Promise<void> {
    await this.#send(topic, [
      {
        topic,
        partition: partitionFor(letter.key, partitions),
        key: letter.key,
        value: letter.value,
        headers: letter.headers,
      },
    ]);
  }

  close(): Promise<void> {
    return this.#producer.close();
  }

  /** Through the coalescer: concurrent publishes share one produce call, one call in flight. */
  async #send(topic: string, records: KafkaRecord[]): Promise<void> {
    try {
      await this.#coalescer.send(records);
    } catch (error) {
      throw new BusError(
        'BUS.PUBLISH_FAILED',
        `publishing ${records.length} message(s) to ${topic} failed: ${describeClientError(error)}`,
        { topic, count: records.length },
        { cause: error },
      );
    }
  }
}
