// Reading what the platform wrote to its logs-* topics, and counting it against what was acknowledged.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import type { OperationRecord } from '@eventflow/oplog';

export interface Logged {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly record: OperationRecord;
}

/** A message as it is on the topic: its text, whatever it carries. */
export interface RawMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where each partition of some topics stands: `topic/partition` → an offset. */
export type Offsets = ReadonlyMap<string, bigint>;

function newConsumer(brokers: readonly string[]) {
  return new Consumer({
    clientId: 'topic-reader',
    groupId: `topic-reader-${randomUUID()}`,
    bootstrapBrokers: [...brokers],
    deserializers: stringDeserializers,
  });
}

async function ends(consumer: ReturnType<typeof newConsumer>, topics: readonly string[]): Promise<Offsets> {
  const found = new Map<string, bigint>();
  for (const [topic, partitions] of await consumer.listOffsets({ topics: [...topics] })) {
    partitions.forEach((end, partition) => found.set(`${topic}/${partition}`, end));
  }
  return found;
}

/** The end of every partition of `topics`, as of now (the next offset each will write). */
export async function endOffsets(brokers: readonly string[], topics: readonly string[]): Promise<Offsets> {
  const consumer = newConsumer(brokers);
  try {
    return await ends(consumer, topics);
  } finally {
    await consumer.close(true);
  }
}

/**
 * Every message of `topics` from `from` (default: the beginning) to the end each partition had when
 * the read began, with a fresh consumer group.
 */
export async function readRawTopics(
  brokers: readonly string[],
  topics: readonly string[],
  from?: Offsets,
): Promise<RawMessage[]> {
  const consumer = newConsumer(brokers);
  try {
    const remaining = new Map<string, bigint>();
    for (const [key, end] of await ends(consumer, topics)) {
      if (end > (from?.get(key) ?? 0n)) remaining.set(key, end);
    }
    const read: RawMessage[] = [];
    if (remaining.size === 0) return read;
    const offsets = [...(from ?? [])].map(([key, offset]) => {
      const slash = key.lastIndexOf('/');
      return { topic: key.slice(0, slash), partition: Number(key.slice(slash + 1)), offset };
    });
    const stream = await consumer.consume({
      topics: [...topics],
      ...(from === undefined ? { mode: 'earliest' as const } : { mode: 'manual' as const, offsets }),
      autocommit: false,
    });
    const deadline = setTimeout(() => void stream.close(), 60_000);
    try {
      for await (const message of stream) {
        const key = `${message.topic}/${message.partition}`;
        const end = remaining.get(key);
        if (end === undefined || message.offset >= end) continue;
        read.push({
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          key: message.key ?? '',
          value: message.value ?? '',
          headers: Object.fromEntries(message.headers ?? new Map()),
        });
        if (message.offset + 1n >= end) remaining.delete(key);
        if (remaining.size === 0) break;
      }
    } finally {
      clearTimeout(deadline);
      await stream.close();
    }
    assert.equal(remaining.size, 0, `read every partition to its end (left: ${[...remaining.keys()].join(', ')})`);
    return read;
  } finally {
    await consumer.close(true);
  }
}

/** Every operation record of `topics` (logs-*), from the beginning to the end they had when the read began. */
export async function readTopics(brokers: readonly string[], topics: readonly string[]): Promise<Logged[]> {
  return (await readRawTopics(brokers, topics)).map(({ topic, partition, offset, value }) => ({
    topic,
    partition,
    offset,
    record: JSON.parse(value) as OperationRecord,
  }));
}

/** One record the test expects on a topic: of this correlation id, this endpoint. */
export interface Expected {
  readonly topic: string;
  readonly correlationId: string;
  readonly endpoint: string;
}

export interface Tally {
  /** Expected records found at least once. */
  readonly found: number;
  /** Expected records found nowhere. */
  readonly lost: readonly Expected[];
  /** Records on the topics more than once (the same record, shipped again: at least once). */
  readonly duplicated: number;
}

/** Counts the expected records in what was read: found, lost, and copies beyond the first. */
export function tally(logged: readonly Logged[], expected: readonly Expected[]): Tally {
  const seen = new Map<string, number>();
  const where = new Set<string>();
  for (const { topic, record } of logged) {
    const copy = `${topic}\n${JSON.stringify(record)}`;
    seen.set(copy, (seen.get(copy) ?? 0) + 1);
    where.add(`${topic}\n${record.correlationId}\n${record.endpoint}`);
  }
  const lost = expected.filter((e) => !where.has(`${e.topic}\n${e.correlationId}\n${e.endpoint}`));
  const duplicated = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  return { found: expected.length - lost.length, lost, duplicated };
}
