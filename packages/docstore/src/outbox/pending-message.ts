import { randomUUID } from 'node:crypto';
import type { Topic } from '@eventflow/bus';
import { currentCorrelation } from '@eventflow/correlation';

/**
 * A message kept inside the document whose change it announces, written in the same atomic write,
 * until the bus has it: the transactional outbox for a store without multi-document transactions.
 */
export interface PendingMessage {
  readonly messageId: string;
  readonly topic: string;
  readonly type: string;
  readonly key: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** The fields a document with an outbox carries: its pending messages by id, and how many there are. */
export interface OutboxFields {
  readonly outbox?: Readonly<Record<string, PendingMessage>>;
  /** Kept beside the map so that the sweeper finds the documents with something to send by a comparison. */
  readonly outbox_size?: number;
}

export interface NewMessage<T> {
  readonly type: string;
  readonly key: string;
  readonly value: T;
}

/** A message for `topic`, checked against the topic's schema now (not when it is sent), with the current correlation. */
export function pendingMessage<T>(topic: Topic<T>, message: NewMessage<T>, now: Date): PendingMessage {
  topic.validate(message.value);
  const correlation = currentCorrelation();
  return {
    messageId: randomUUID(),
    topic: topic.name,
    type: message.type,
    key: message.key,
    value: message.value as Readonly<Record<string, unknown>>,
    occurredAt: now.toISOString(),
    ...(correlation === undefined ? {} : { correlationId: correlation.correlationId }),
    ...(correlation?.causationId === undefined ? {} : { causationId: correlation.causationId }),
  };
}

/** The outbox fields of a new document holding `messages`. */
export function outboxOf(messages: readonly PendingMessage[]): Required<OutboxFields> {
  return { outbox: Object.fromEntries(messages.map((m) => [m.messageId, m])), outbox_size: messages.length };
}

/** The parts of an update that add `messages` to a document's outbox, in the same atomic write as the change. */
export function outboxAdditions(messages: readonly PendingMessage[]): {
  readonly $set: Readonly<Record<`outbox.${string}`, PendingMessage>>;
  readonly $inc: { readonly outbox_size: number };
} {
  return {
    $set: Object.fromEntries(messages.map((m) => [`outbox.${m.messageId}`, m])),
    $inc: { outbox_size: messages.length },
  };
}
