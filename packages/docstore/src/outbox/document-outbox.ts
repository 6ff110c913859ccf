import type { Bus, OutgoingMessage, Topic } from '@eventflow/bus';
import type { BaseDocument, DocumentCollection, Filter, Update } from '../port.ts';
import type { OutboxFields, PendingMessage } from './pending-message.ts';

type OutboxDocument = BaseDocument & OutboxFields;

/** Where the outbox reports a publish that failed (it stays pending: the sweeper sends it later). */
export type OutboxWarn = (fields: { readonly messageId: string; readonly err: unknown }, message: string) => void;

export interface DocumentOutboxOptions {
  readonly collection: DocumentCollection<OutboxDocument>;
  readonly bus: Bus;
  /** The topics its messages may go to. */
  readonly topics: readonly Topic<unknown>[];
}

/**
 * Sends the messages documents keep in their outbox: right after the write that put them there,
 * and again from the sweeper for those still pending (the process died, or the bus was down). At
 * least once: a message is removed from its document only after the bus has it, so it may be sent
 * twice (same messageId) when two senders race; consumers deduplicate by messageId or are
 * idempotent by key. In order per document: a message that fails holds back the ones after it.
 */
export class DocumentOutbox {
  readonly #collection: DocumentCollection<OutboxDocument>;
  readonly #bus: Bus;
  readonly #topics: ReadonlyMap<string, Topic<unknown>>;

  constructor(options: DocumentOutboxOptions) {
    this.#collection = options.collection;
    this.#bus = options.bus;
    this.#topics = new Map(options.topics.map((topic) => [topic.name, topic]));
  }

  /** Publishes the document's messages in order; answers how many were sent (the rest stay pending). */
  async deliver(documentId: string, messages: readonly PendingMessage[], warn?: OutboxWarn): Promise<number> {
    let sent = 0;
    for (const message of messages) {
      try {
        await this.#publish(message);
        await this.#remove(documentId, message.messageId);
        sent += 1;
      } catch (err) {
        warn?.({ messageId: message.messageId, err }, 'outbox: message left for the sweeper');
        break; // keep the document's order: what follows waits for the sweeper too
      }
    }
    return sent;
  }

  /** Sends what documents have kept since before `olderThan` (at most `limit` documents a round). */
  async sweep(olderThan: Date, warn?: OutboxWarn, limit = 100): Promise<number> {
    const cutoff = olderThan.toISOString();
    const pending = await this.#collection.find({ outbox_size: { $gt: 0 } }, { limit });
    let sent = 0;
    for (const document of pending) {
      const due = Object.values(document.outbox ?? {})
        .filter((message) => message.occurredAt <= cutoff)
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      sent += await this.deliver(document._id, due, warn);
    }
    return sent;
  }

  async #publish(message: PendingMessage): Promise<void> {
    const topic = this.#topics.get(message.topic);
    if (topic === undefined) throw new Error(`outbox: no topic ${message.topic} declared for this outbox`);
    const outgoing: OutgoingMessage<unknown> = {
      key: message.key,
      value: message.value,
      type: message.type,
      messageId: message.messageId,
      occurredAt: message.occurredAt,
      ...(message.correlationId === undefined ? {} : { correlationId: message.correlationId }),
      ...(message.causationId === undefined ? {} : { causationId: message.causationId }),
    };
    await this.#bus.publish(topic, [outgoing]);
  }

  /** Removes the message once sent, only if it is still there (a racing sender may have removed it). */
  async #remove(documentId: string, messageId: string): Promise<void> {
    const path = `outbox.${messageId}` as const;
    const filter: Filter<OutboxDocument> = { _id: documentId, [path]: { $exists: true } };
    const update: Update<OutboxDocument> = { $unset: { [path]: true }, $inc: { outbox_size: -1 } };
    await this.#collection.updateOne(filter, update);
  }
}
