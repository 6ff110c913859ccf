import { setTimeout as sleep } from 'node:timers/promises';
import { withCorrelation } from '@eventflow/correlation';
import { BusError, isPermanent } from './errors.ts';
import { decodeHeaders, type MessageHeaders } from './headers.ts';
import type { BusObserver, Envelope, SubscribeOptions } from './port.ts';
import { backoffDelay, withRetryDefaults } from './retry.ts';

/** A record as an adapter read it, before decoding. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a dead-letter topic receives: the original key, bytes and headers, plus why. */
export interface DeadLetter {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export interface DeliveryContext {
  readonly observer?: BusObserver;
  readonly random?: () => number;
  /** Aborted when the subscription closes: a retry backoff stops waiting, the record is not committed. */
  readonly signal: AbortSignal;
  readonly sendToDeadLetter: (letter: DeadLetter) => Promise<void>;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned';

/**
 * Why a record went to the dead-letter topic (its `dlq-reason` header): it could not be decoded or
 * validated, its handler threw a permanent error (`permanentError`), or the retries ran out.
 */
export type DeadLetterReason = 'invalid-message' | 'permanent-error' | 'attempts-exhausted';

/**
 * Decodes, validates and hands one record to its handler, retrying with backoff per the policy,
 * then dead-letters it; a permanent error is dead-lettered after its one attempt. Returns whether
 * the record may be committed ('abandoned' may not).
 */
export async function deliver<T>(
  record: RawRecord,
  options: SubscribeOptions<T>,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  let envelope: Omit<Envelope<T>, 'attempt'>;
  try {
    envelope = decode(record, options);
  } catch (error) {
    // A malformed message will not get better with retries: straight to the dead-letter topic.
    await deadLetter(record, options, context, { error, attempts: 0, reason: 'invalid-message' });
    return 'dead-lettered';
  }
  const policy = withRetryDefaults(options.retry);
  for (let attempt = 1; ; attempt++) {
    const began = performance.now();
    try {
      await withCorrelation(
        { correlationId: envelope.headers.correlationId, causationId: envelope.headers.messageId },
        () => options.handle({ ...envelope, attempt }),
      );
      observe(context, record, options, began, 'ok');
      return 'handled';
    } catch (error) {
      const permanent = isPermanent(error);
      if (permanent || attempt >= policy.maxAttempts) {
        observe(context, record, options, began, 'dead-letter');
        const reason = permanent ? 'permanent-error' : 'attempts-exhausted';
        await deadLetter(record, options, context, { error, attempts: attempt, reason });
        return 'dead-lettered';
      }
      observe(context, record, options, began, 'retry');
      try {
        await sleep(backoffDelay(policy, attempt, context.random), undefined, { signal: context.signal });
      } catch {
        return 'abandoned';
      }
    }
  }
}

function decode<T>(record: RawRecord, options: SubscribeOptions<T>): Omit<Envelope<T>, 'attempt'> {
  const headers: MessageHeaders = decodeHeaders(record.headers);
  let payload: unknown;
  try {
    payload = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    throw new BusError('BUS.INVALID_MESSAGE', 'payload is not JSON', { topic: record.topic }, { cause: error });
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: options.topic.validate(payload),
    headers,
  };
}

interface Failure {
  readonly error: unknown;
  readonly attempts: number;
  readonly reason: DeadLetterReason;
}

async function deadLetter<T>(
  record: RawRecord,
  options: SubscribeOptions<T>,
  context: DeliveryContext,
  { error, attempts, reason }: Failure,
): Promise<void> {
  const code = error instanceof BusError ? error.code : errorCode(error);
  await context.sendToDeadLetter({
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      'dlq-error': error instanceof Error ? error.message : String(error),
      'dlq-error-code': code,
      'dlq-attempts': String(attempts),
      'dlq-reason': reason,
      'dlq-topic': record.topic,
      'dlq-partition': String(record.partition),
      'dlq-offset': record.offset,
      'dlq-group': options.group,
      'dlq-failed-at': new Date().toISOString(),
    },
  });
  context.observer?.deadLettered?.({ topic: record.topic, group: options.group, code });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'HANDLER.FAILED';
}

function observe<T>(
  context: DeliveryContext,
  record: RawRecord,
  options: SubscribeOptions<T>,
  began: number,
  outcome: 'ok' | 'retry' | 'dead-letter',
): void {
  context.observer?.handled?.({
    topic: record.topic,
    group: options.group,
    partition: record.partition,
    durationMs: performance.now() - began,
    outcome,
  });
}

/** The dead-letter topic of a subscription (of any payload type: only the topic and its override are read). */
export function deadLetterTopicOf(options: Pick<SubscribeOptions<unknown>, 'topic' | 'deadLetterTopic'>): string {
  return options.deadLetterTopic ?? `${options.topic.name}.dlq`;
}
