import { randomUUID } from 'node:crypto';
import type { Bus, Envelope, Subscription, Topic } from '@eventflow/bus';

export interface Collected<T> {
  /** Every delivery, in the order the handler saw them (duplicates included). */
  readonly received: Array<Envelope<T>>;
  readonly subscription: Subscription;
}

/** Subscribes a consumer group of its own (or the one given) and gathers what arrives. */
export async function collectMessages<T>(
  bus: Bus,
  topic: Topic<T>,
  group = `collect-${randomUUID()}`,
): Promise<Collected<T>> {
  const received: Array<Envelope<T>> = [];
  const subscription = await bus.subscribe({
    group,
    topic,
    handle: (message) => {
      received.push(message);
      return Promise.resolve();
    },
  });
  return { received, subscription };
}

/** Messages grouped by key, in delivery order: check a stream's order on its key. */
export function byKey<T>(received: ReadonlyArray<Envelope<T>>): Map<string, Array<Envelope<T>>> {
  const keys = new Map<string, Array<Envelope<T>>>();
  for (const message of received) keys.set(message.key, [...(keys.get(message.key) ?? []), message]);
  return keys;
}
