import { BusError } from '../errors.ts';
import { encodeHeaders, headersFor, type OutgoingMessage } from '../headers.ts';
import { partitionFor } from '../partitioner.ts';
import type { Topic } from '../topic.ts';
import { encodeFrame } from './frame.ts';
import type { StoredTopic } from './topic-catalog.ts';

/** A message ready for its partition log. */
export interface FramedRecord {
  readonly partition: number;
  readonly frame: Buffer;
}

export interface PreparedMessage extends FramedRecord {
  readonly messageId: string;
}

/**
 * Validates every payload first — one invalid payload refuses the whole batch before anything is
 * framed — then fills the standard headers and frames each message for its key's partition.
 */
export function prepareMessages<T>(
  topic: Topic<T>,
  messages: ReadonlyArray<OutgoingMessage<T>>,
  now: number = Date.now(),
): PreparedMessage[] {
  const values = messages.map((message) => toJson(topic.name, topic.validate(message.value)));
  return messages.map((message, i) => {
    const headers = headersFor(message, { type: topic.type, schemaVersion: topic.schemaVersion });
    const record = { key: message.key, value: values[i]!, headers: encodeHeaders(headers), timestamp: now };
    return {
      partition: partitionFor(message.key, topic.partitions),
      messageId: headers.messageId,
      frame: encodeFrame(record),
    };
  });
}

/** Appends records to their partitions, one group-committed append per partition, all at once. */
export async function appendRecords(topic: StoredTopic, records: readonly FramedRecord[]): Promise<void> {
  const byPartition = new Map<number, Buffer[]>();
  for (const { partition, frame } of records) {
    const frames = byPartition.get(partition);
    if (frames === undefined) byPartition.set(partition, [frame]);
    else frames.push(frame);
  }
  await Promise.all([...byPartition].map(([partition, frames]) => logOf(topic, partition).append(frames)));
}

function logOf(topic: StoredTopic, partition: number): StoredTopic['logs'][number] {
  const log = topic.logs[partition];
  if (log === undefined) throw new RangeError(`topic ${topic.name} has no partition ${partition}`);
  return log;
}

function toJson(topic: string, value: unknown): Buffer {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new BusError(
      'BUS.INVALID_MESSAGE',
      `a ${topic} payload cannot be written as JSON`,
      { topic },
      { cause: error },
    );
  }
  if (json === undefined)
    throw new BusError('BUS.INVALID_MESSAGE', `a ${topic} payload must be a JSON value`, { topic });
  return Buffer.from(json, 'utf8');
}
