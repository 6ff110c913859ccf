import type { Bus, OutgoingMessage, Topic } from '@eventflow/bus';
import { EventStoreError } from '../errors.ts';

/** An outbox row as the relay reads it (pg and PGlite return the same types thanks to the casts). */
export interface OutboxRow {
  readonly position: string;
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly stream_version: string | null;
  readonly global_position: string | null;
  readonly topic: string;
  readonly key: string;
  readonly type: string;
  readonly schema_version: number;
  readonly payload: unknown;
  readonly headers: Record<string, string>;
  readonly message_id: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly occurred_at: Date | string;
}

/** The stream the message belongs to, and where, travel as headers beside the standard ones. */
function extraHeaders(row: OutboxRow): Record<string, string> {
  return {
    ...row.headers,
    streamId: row.stream_id,
    ...(row.stream_version === null ? {} : { streamVersion: row.stream_version }),
    ...(row.global_position === null ? {} : { globalPosition: row.global_position }),
  };
}

function toMessage(row: OutboxRow): OutgoingMessage<unknown> {
  const occurredAt = row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at);
  return {
    key: row.key,
    value: row.payload,
    type: row.type,
    messageId: row.message_id,
    correlationId: row.correlation_id,
    ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
    occurredAt: occurredAt.toISOString(),
    headers: extraHeaders(row),
  };
}

/** The topic as the bus sees it for one schema version: the bus writes the topic's version as the header. */
function atSchemaVersion(topic: Topic<unknown>, schemaVersion: number): Topic<unknown> {
  if (topic.schemaVersion === schemaVersion) return topic;
  return {
    name: topic.name,
    partitions: topic.partitions,
    type: topic.type,
    schemaVersion,
    validate: (value) => topic.validate(value),
  };
}

/** Consecutive rows of one topic and schema version: one publish each, in row order. */
function runsOf(rows: readonly OutboxRow[]): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  for (const row of rows) {
    const run = runs.at(-1);
    const first = run?.[0];
    if (run !== undefined && first?.topic === row.topic && first.schema_version === row.schema_version) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

/**
 * Publishes rows in their order: each run is one batch, awaited before the next, so a stream's messages
 * reach its partition in order. Throws on the first failure (nothing after it is sent).
 */
export async function publishRows(
  bus: Bus,
  topics: ReadonlyMap<string, Topic<unknown>>,
  rows: readonly OutboxRow[],
): Promise<void> {
  for (const run of runsOf(rows)) {
    const first = run[0]!;
    const topic = topics.get(first.topic);
    if (topic === undefined) {
      throw new EventStoreError(
        'EVENTSTORE.OUTBOX_UNKNOWN_TOPIC',
        `outbox row ${first.position} is for topic ${first.topic}, which the relay's router does not route to`,
        { topic: first.topic, position: first.position },
      );
    }
    await bus.publish(atSchemaVersion(topic, Number(first.schema_version)), run.map(toMessage));
  }
}
