import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '@eventflow/correlation';
import { BusError } from './errors.ts';

/** What every message carries, on Kafka as record headers of the same names. */
export interface MessageHeaders {
  readonly messageId: string;
  readonly correlationId: string;
  /** The message (or request) that caused this one; absent for a first cause. */
  readonly causationId?: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  /** Any other headers, kept as they came. */
  readonly extra: Readonly<Record<string, string>>;
}

/** What a publisher says about one message; everything but key and value has a default. */
export interface OutgoingMessage<T> {
  readonly key: string;
  readonly value: T;
  readonly type?: string;
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly occurredAt?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const standard = ['messageId', 'correlationId', 'causationId', 'type', 'schemaVersion', 'occurredAt'] as const;

export interface HeaderDefaults {
  readonly type: string;
  readonly schemaVersion: number;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** Fills the headers of an outgoing message: the current correlation flows in by itself. */
export function headersFor(message: OutgoingMessage<unknown>, defaults: HeaderDefaults): MessageHeaders {
  const current = currentCorrelation();
  const newId = defaults.newId ?? randomUUID;
  const causationId = message.causationId ?? current?.causationId;
  return {
    messageId: message.messageId ?? newId(),
    correlationId: message.correlationId ?? current?.correlationId ?? newId(),
    ...(causationId === undefined ? {} : { causationId }),
    type: message.type ?? defaults.type,
    schemaVersion: defaults.schemaVersion,
    occurredAt: message.occurredAt ?? (defaults.now ?? (() => new Date()))().toISOString(),
    extra: { ...message.headers },
  };
}

/** Headers as the wire carries them: a flat map of strings. */
export function encodeHeaders(headers: MessageHeaders): Record<string, string> {
  return {
    ...headers.extra,
    messageId: headers.messageId,
    correlationId: headers.correlationId,
    ...(headers.causationId === undefined ? {} : { causationId: headers.causationId }),
    type: headers.type,
    schemaVersion: String(headers.schemaVersion),
    occurredAt: headers.occurredAt,
  };
}

/** Reads wire headers back; a message without the standard ones is refused with a clear error. */
export function decodeHeaders(wire: Readonly<Record<string, string>>): MessageHeaders {
  const missing = ['messageId', 'correlationId', 'type', 'schemaVersion', 'occurredAt'].filter((name) => !wire[name]);
  const schemaVersion = Number(wire['schemaVersion']);
  if (missing.length > 0 || !Number.isInteger(schemaVersion)) {
    throw new BusError(
      'BUS.INVALID_MESSAGE',
      `message headers lack ${missing.join(', ') || 'a numeric schemaVersion'}`,
      {
        missing,
      },
    );
  }
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(wire)) {
    if (!(standard as readonly string[]).includes(name)) extra[name] = value;
  }
  const causationId = wire['causationId'];
  return {
    messageId: wire['messageId']!,
    correlationId: wire['correlationId']!,
    ...(causationId === undefined || causationId === '' ? {} : { causationId }),
    type: wire['type']!,
    schemaVersion,
    occurredAt: wire['occurredAt']!,
    extra,
  };
}
