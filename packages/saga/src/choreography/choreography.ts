import { createHash } from 'node:crypto';
import {
  defaultRetryPolicy,
  type Bus,
  type Envelope,
  type OutgoingMessage,
  type RetryPolicy,
  type Subscription,
  type Topic,
} from '@eventflow/bus';
import { handleOnce, migrate, type SqlExecutor } from '@eventflow/eventstore';
import { describeError } from '../errors.ts';
import type { SagaObserver } from '../metrics/observer.ts';
import { migrateSagas } from '../sql/migrations.ts';
import { quoteSchema } from '../sql/names.ts';

/** Publishes from a handler; the messages carry the handled message's correlation, and stable ids. */
export type Emit = <T>(
  topic: Topic<T>,
  messages: OutgoingMessage<T> | ReadonlyArray<OutgoingMessage<T>>,
) => Promise<void>;

/** A choreography handler: on an event, do your writes through `tx`, and emit commands or events. */
export type ChoreographyHandler<T> = (message: Envelope<T>, emit: Emit, tx: SqlExecutor) => Promise<void>;

export interface ChoreographyOptions {
  readonly bus: Bus;
  /** The adapter's own executor (pg pool or PGlite). */
  readonly executor: SqlExecutor;
  /** The schema of the saga log. */
  readonly schema: string;
  /** The schema of the inbox that drops duplicates (the event store's, migration 3). Default: `schema`. */
  readonly inboxSchema?: string;
  /** The flow's name in the log (its `saga` column), e.g. `user-onboarding`. */
  readonly name: string;
  /** The consumer group of the handlers, and the inbox's consumer name. */
  readonly consumer: string;
  /** The bus's retries before a message is dead-lettered. Default: the bus's default policy. */
  readonly retry?: RetryPolicy;
  /** Apply the saga and event-store migrations on open. Default true. */
  readonly migrate?: boolean;
  readonly observer?: SagaObserver;
}

export interface Choreography {
  /** Subscribes `handle` to `topic`, logging RECEIVED, then PROCESSED or FAILED, per message. */
  on<T>(topic: Topic<T>, handle: ChoreographyHandler<T>): Promise<Subscription>;
  /** Closes the subscriptions made by `on` (not the bus). */
  close(): Promise<void>;
}

/** A message id derived from the one being handled: a handler run again emits the same ids. */
function derivedId(messageId: string, topic: string, index: number): string {
  const hex = createHash('sha256').update(`${messageId}\n${topic}\n${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Choreography helpers: handlers that react to messages and emit others, each message written to the
 * same saga log as orchestrated sagas (RECEIVED on arrival, PROCESSED once the handler, its writes and
 * its emits succeeded, FAILED with the error on each failed try), and handled once per consumer.
 */
export async function openChoreography(options: ChoreographyOptions): Promise<Choreography> {
  const inboxSchema = options.inboxSchema ?? options.schema;
  if (options.migrate ?? true) {
    await migrate(options.executor, { schema: inboxSchema });
    await migrateSagas(options.executor, { schema: options.schema });
  }
  const log = `${quoteSchema(options.schema)}.saga_log`;
  const inbox = `${quoteSchema(inboxSchema)}.inbox`;
  const columns = '(saga_id, saga, step, state, attempt, error, detail, worker, correlation_id)';
  // Only a message this consumer has not handled yet is RECEIVED: a redelivered duplicate leaves no row.
  const received = `INSERT INTO ${log} ${columns}
    SELECT $1, $2, $3, 'RECEIVED', $4, NULL, $5::jsonb, $6, $7
    WHERE NOT EXISTS (SELECT 1 FROM ${inbox} WHERE consumer = $6 AND message_id = $1) RETURNING id`;
  const ended = `INSERT INTO ${log} ${columns} VALUES ($1, $2, $3, $8, $4, $9, $5::jsonb, $6, $7)`;
  const retry = options.retry ?? defaultRetryPolicy;
  const subscriptions: Subscription[] = [];
  const observer = options.observer ?? {};

  const handlerOf =
    <T>(topic: Topic<T>, handle: ChoreographyHandler<T>) =>
    async (message: Envelope<T>): Promise<void> => {
      const { messageId, correlationId, type } = message.headers;
      const params = (deadLettered?: boolean) => [
        messageId,
        options.name,
        type,
        message.attempt,
        JSON.stringify({ topic: topic.name, ...(deadLettered === undefined ? {} : { deadLettered }) }),
        options.consumer,
        correlationId,
      ];
      if ((await options.executor.query(received, params())).length === 0) return;
      observer.message?.(options.name, 'RECEIVED');
      try {
        await handleOnce(
          options.executor,
          options.consumer,
          messageId,
          async (tx) => {
            let emitted = 0;
            const emit: Emit = async (target, messages) => {
              const list = (Array.isArray(messages) ? messages : [messages]) as ReadonlyArray<OutgoingMessage<unknown>>;
              const withIds = list.map((m) => ({
                ...m,
                messageId: m.messageId ?? derivedId(messageId, target.name, emitted++),
              }));
              await options.bus.publish(target, withIds as never);
            };
            await handle(message, emit, tx);
            await tx.query(ended, [...params(), 'PROCESSED', null]);
          },
          { schema: inboxSchema },
        );
        observer.message?.(options.name, 'PROCESSED');
      } catch (error) {
        await options.executor.query(ended, [
          ...params(message.attempt >= retry.maxAttempts),
          'FAILED',
          describeError(error),
        ]);
        observer.message?.(options.name, 'FAILED');
        throw error;
      }
    };

  return {
    async on(topic, handle) {
      const subscription = await options.bus.subscribe({
        group: options.consumer,
        topic,
        retry,
        handle: handlerOf(topic, handle),
      });
      subscriptions.push(subscription);
      return subscription;
    },
    async close() {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    },
  };
}
