import { createHash } from 'node:crypto';
import {
  isPermanent,
  resolveRetryPolicy,
  type Bus,
  type Envelope,
  type OutgoingMessage,
  type RetryPolicy,
  type Subscription,
  type Topic,
} from '@eventflow/bus';
import { currentCorrelation } from '@eventflow/correlation';
import {
  createOutbox,
  handleOnce,
  migrate,
  startOutboxRelay,
  type OutboxMessage,
  type OutboxRelay,
  type SqlExecutor,
} from '@eventflow/eventstore';
import { describeError } from '../errors.ts';
import type { SagaObserver } from '../metrics/observer.ts';
import { migrateSagas } from '../sql/migrations.ts';
import { quoteSchema } from '../sql/names.ts';

/**
 * Emits from a handler: the messages are written to the outbox in the handler's transaction and
 * published by the relay after it commits (never if it rolls back). They carry the handled message's
 * correlation, the handled message as their causation, and stable ids.
 */
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
  /**
   * The schema of the event store whose inbox drops duplicates and whose outbox holds the emits.
   * Default: `<schema>_choreography`, a schema of the choreography's own, so its outbox relay never
   * meets rows of another relay's topics (the event store's own relay, on the service's schema).
   */
  readonly inboxSchema?: string;
  /** The flow's name in the log (its `saga` column), e.g. `user-onboarding`. */
  readonly name: string;
  /** The consumer group of the handlers, and the inbox's consumer name. */
  readonly consumer: string;
  /** The bus's retries before a message is dead-lettered (a permanent error is not retried). Default: the bus's. */
  readonly retry?: RetryPolicy;
  /** Apply the saga and event-store migrations on open. Default true. */
  readonly migrate?: boolean;
  readonly observer?: SagaObserver;
  /**
   * Topics the handlers emit to, known to the outbox relay from the start, so that emits a previous run
   * committed but did not publish go out before a handler emits again. Emitting registers its topic anyway.
   */
  readonly emits?: ReadonlyArray<Topic<unknown>>;
  /** The relay's poll when no notification comes. Default: the relay's (1000). */
  readonly relayPollIntervalMs?: number;
}

export interface Choreography {
  /** Subscribes `handle` to `topic`, logging RECEIVED, then PROCESSED or FAILED, per message. */
  on<T>(topic: Topic<T>, handle: ChoreographyHandler<T>): Promise<Subscription>;
  /** Closes the subscriptions made by `on`, then the outbox relay (not the bus). */
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
 * its emits succeeded, FAILED with the error on each failed try), and handled once per consumer. Emits go
 * through the event store's transactional outbox; a relay of this choreography publishes them after commit.
 */
export async function openChoreography(options: ChoreographyOptions): Promise<Choreography> {
  const inboxSchema = options.inboxSchema ?? `${options.schema}_choreography`;
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
  const retry = resolveRetryPolicy(options.retry);
  const subscriptions: Subscription[] = [];
  const observer = options.observer ?? {};

  // The relay publishes only topics it knows: each topic emitted to (or declared in `emits`) restarts it
  // with the larger set. Any number of relays may run on one outbox (one holds its lock per round), so the
  // old one is closed in the background, never awaited inside a handler's transaction.
  const outbox = createOutbox({ schema: inboxSchema });
  const emitTopics = new Map<string, Topic<unknown>>();
  let relay: OutboxRelay | undefined;
  let closed = false;
  const retired: Array<Promise<void>> = [];
  const startRelay = (): void => {
    if (closed || emitTopics.size === 0) return;
    const previous = relay;
    relay = startOutboxRelay({
      executor: options.executor,
      schema: inboxSchema,
      bus: options.bus,
      router: { topics: [...emitTopics.values()] },
      ...(options.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: options.relayPollIntervalMs }),
    });
    if (previous !== undefined) retired.push(previous.close());
  };
  const register = (topics: ReadonlyArray<Topic<unknown>>): void => {
    let added = false;
    for (const topic of topics) {
      const known = emitTopics.get(topic.name);
      if (known !== undefined && known.partitions !== topic.partitions) {
        throw new RangeError(
          `topic ${topic.name} is emitted to with ${known.partitions} and ${topic.partitions} partitions`,
        );
      }
      if (known === undefined) {
        emitTopics.set(topic.name, topic);
        added = true;
      }
    }
    if (added) startRelay();
  };
  register(options.emits ?? []);

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
              const current = currentCorrelation();
              const rows = list.map((m): OutboxMessage => ({
                topic: target,
                key: m.key,
                value: m.value,
                ...(m.type === undefined ? {} : { type: m.type }),
                messageId: m.messageId ?? derivedId(messageId, target.name, emitted++),
                correlationId: m.correlationId ?? current?.correlationId ?? correlationId,
                causationId: m.causationId ?? current?.causationId ?? messageId,
                ...(m.occurredAt === undefined ? {} : { occurredAt: new Date(m.occurredAt) }),
                ...(m.headers === undefined ? {} : { headers: m.headers }),
              }));
              register([target]);
              await outbox.enqueue(tx, rows);
            };
            await handle(message, emit, tx);
            await tx.query(ended, [...params(), 'PROCESSED', null]);
          },
          { schema: inboxSchema },
        );
        observer.message?.(options.name, 'PROCESSED');
      } catch (error) {
        await options.executor.query(ended, [
          ...params(message.attempt >= retry.maxAttempts || isPermanent(error)),
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
      closed = true;
      await Promise.all([relay?.close(), ...retired.splice(0)]);
      relay = undefined;
    },
  };
}
