import { randomUUID } from 'node:crypto';
import { Admin, Consumer, stringDeserializers } from '@platformatic/kafka';
import type { OperationRecord } from '../record.ts';
import type { LoggedRecord } from './table.ts';

export interface SourceOptions {
  readonly brokers: readonly string[];
  readonly topics: readonly string[];
}

/** The `logs-*` topics that exist on the cluster. */
export async function logTopics(brokers: readonly string[]): Promise<string[]> {
  const admin = new Admin({ clientId: 'eventflow-logs', bootstrapBrokers: [...brokers] });
  try {
    return (await admin.listTopics()).filter((name) => name.startsWith('logs-')).sort();
  } finally {
    await admin.close();
  }
}

function consumerFor(brokers: readonly string[]): Consumer<string, string, string, string> {
  // A throwaway group that never commits: reading logs must not move anybody's offsets.
  return new Consumer({
    clientId: 'eventflow-logs',
    groupId: `eventflow-logs-${randomUUID()}`,
    bootstrapBrokers: [...brokers],
    deserializers: stringDeserializers,
  });
}

function parse(topic: string, partition: number, offset: bigint, value: string): LoggedRecord | undefined {
  try {
    return { topic, partition, offset: offset.toString(), record: JSON.parse(value) as OperationRecord };
  } catch {
    return undefined;
  }
}

/** Everything on the topics up to their end as of now, then stops. */
export async function readToEnd(options: SourceOptions): Promise<LoggedRecord[]> {
  if (options.topics.length === 0) return [];
  const consumer = consumerFor(options.brokers);
  try {
    const ends = await consumer.listOffsets({ topics: [...options.topics] });
    const remaining = new Map<string, bigint>();
    for (const [topic, offsets] of ends) {
      offsets.forEach((end, partition) => {
        if (end > 0n) remaining.set(`${topic}/${partition}`, end);
      });
    }
    const records: LoggedRecord[] = [];
    if (remaining.size === 0) return records;
    const stream = await consumer.consume({ topics: [...options.topics], mode: 'earliest', autocommit: false });
    for await (const message of stream) {
      const id = `${message.topic}/${message.partition}`;
      const end = remaining.get(id);
      if (end === undefined || message.offset >= end) continue;
      const logged = parse(message.topic, message.partition, message.offset, message.value);
      if (logged !== undefined) records.push(logged);
      if (message.offset + 1n >= end) remaining.delete(id);
      if (remaining.size === 0) break;
    }
    await stream.close();
    return records;
  } finally {
    await consumer.close(true);
  }
}

/** Records as they arrive (from the end, or from the beginning), until `signal` aborts. */
export async function* follow(
  options: SourceOptions & { fromBeginning: boolean; signal: AbortSignal },
): AsyncGenerator<LoggedRecord> {
  const consumer = consumerFor(options.brokers);
  try {
    const stream = await consumer.consume({
      topics: [...options.topics],
      mode: options.fromBeginning ? 'earliest' : 'latest',
      autocommit: false,
    });
    options.signal.addEventListener('abort', () => void stream.close(), { once: true });
    for await (const message of stream) {
      const logged = parse(message.topic, message.partition, message.offset, message.value);
      if (logged !== undefined) yield logged;
    }
  } finally {
    await consumer.close(true);
  }
}
