import type { Message, MessageToProduce } from '@platformatic/kafka';
import type { RawRecord } from '../delivery.ts';
import { BusError } from '../errors.ts';
import { encodeHeaders, headersFor, type OutgoingMessage } from '../headers.ts';
import { partitionFor } from '../partitioner.ts';
import type { PublishReceipt } from '../port.ts';
import type { Topic } from '../topic.ts';

/** Keys and headers travel as UTF-8 strings, values as the bytes they are. */
export type KafkaRecord = MessageToProduce<string, Buffer, string, string>;
/** As consumed: a record written by another client may have no key, or no value (a tombstone). */
export type KafkaMessage = Message<string | undefined, Buffer | undefined, string, string>;

export interface Outgoing {
  readonly records: KafkaRecord[];
  readonly receipts: PublishReceipt[];
}

/**
 * Validates every payload first (throwing BUS.INVALID_MESSAGE before anything is built), then makes
 * one record per message, its partition set explicitly by the Java client's murmur2 partitioner.
 */
export function toRecords<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Outgoing {
  const values = messages.map((message) => serialize(topic, message.value));
  const records: KafkaRecord[] = [];
  const receipts: PublishReceipt[] = [];
  messages.forEach((message, index) => {
    const headers = headersFor(message, { type: topic.type, schemaVersion: topic.schemaVersion });
    const partition = partitionFor(message.key, topic.partitions);
    records.push({
      topic: topic.name,
      partition,
      key: message.key,
      value: values[index]!,
      headers: encodeHeaders(headers),
    });
    receipts.push({ topic: topic.name, partition, messageId: headers.messageId });
  });
  return { records, receipts };
}

function serialize<T>(topic: Topic<T>, value: T): Buffer {
  const json = JSON.stringify(topic.validate(value)) as string | undefined;
  if (json === undefined) {
    throw new BusError('BUS.INVALID_MESSAGE', `invalid ${topic.name} payload: not representable as JSON`, {
      topic: topic.name,
    });
  }
  return Buffer.from(json, 'utf8');
}

/** A consumed record as `deliver()` takes it: the key, the value's bytes and the headers as strings. */
export function toRawRecord(message: KafkaMessage): RawRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) {
    if (typeof name === 'string' && typeof value === 'string') headers[name] = value;
  }
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
