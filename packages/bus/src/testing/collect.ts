import { randomUUID } from 'node:crypto';
import type { Bus, Envelope, Subscription } from '../port.ts';
import type { Topic } from '../topic.ts';

export interface Collected<T> {
  readonly received: Array<Envelope<T>>;
  readonly subscription: Subscription;
}

/** Subscribes a consumer group of its own (or the one given) and gathers what arrives. */
export async function collect<T>(bus: Bus, topic: Topic<T>, group = `collect-${randomUUID()}`): Promise<Collected<T>> {
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
