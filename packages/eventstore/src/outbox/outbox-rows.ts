import { randomUUID } from 'node:crypto';
import type { Topic } from '@eventflow/bus';
import { currentCorrelation } from '@eventflow/correlation';
import type { RecordedEvent } from '../events/types.ts';
import type { ResolvedRoute } from './router.ts';

/** A message to write to the outbox in a transaction of yours (not an appended event). */
export interface OutboxMessage<T = unknown> {
  readonly topic: Topic<T>;
  readonly key: string;
  readonly value: T;
  /** Default: the topic's type. */
  readonly type?: string;
  /** Default: the topic's schema version. */
  readonly schemaVersion?: number;
  /** Default: a new UUID. */
  readonly messageId?: string;
  /** Default: the current correlation (@eventflow/correlation), else a new id. */
  readonly correlationId?: string;
  /** Default: the current correlation's causation id, else none. */
  readonly causationId?: string;
  readonly occurredAt?: Date;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the relay orders by besides the commit order; default: the key. */
  readonly streamId?: string;
}

/** One outbox row's values, in `insert`'s parameter order. */
export type OutboxRowParams = readonly [
  streamId: string,
  streamVersion: number | null,
  globalPosition: number | null,
  topic: string,
  key: string,
  type: string,
  schemaVersion: number,
  payload: string,
  headers: string,
  messageId: string,
  correlationId: string,
  causationId: string | null,
  occurredAt: string,
];

function json(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not representable as JSON`);
  return text;
}

export function eventRow(event: RecordedEvent, route: ResolvedRoute): OutboxRowParams {
  return [
    event.streamId,
    event.version,
    event.globalPosition,
    route.topic.name,
    route.key,
    route.type,
    event.schemaVersion,
    json(route.value, `the payload of ${event.type}`),
    json(event.headers, 'headers'),
    event.messageId,
    event.correlationId,
    event.causationId ?? null,
    event.occurredAt.toISOString(),
  ];
}

export interface RowDefaults {
  readonly newId: () => string;
  readonly now: () => Date;
}

export const defaultRowDefaults: RowDefaults = { newId: randomUUID, now: () => new Date() };

export function messageRow(message: OutboxMessage, defaults: RowDefaults): OutboxRowParams {
  const current = currentCorrelation();
  const value = message.topic.validate(message.value);
  return [
    message.streamId ?? message.key,
    null,
    null,
    message.topic.name,
    message.key,
    message.type ?? message.topic.type,
    message.schemaVersion ?? message.topic.schemaVersion,
    json(value, `a ${message.topic.name} payload`),
    json(message.headers ?? {}, 'headers'),
    message.messageId ?? defaults.newId(),
    message.correlationId ?? current?.correlationId ?? defaults.newId(),
    message.causationId ?? current?.causationId ?? null,
    (message.occurredAt ?? defaults.now()).toISOString(),
  ];
}
