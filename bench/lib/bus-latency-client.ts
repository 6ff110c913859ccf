import { defineTopic, type Bus, type Topic } from '@eventflow/bus';
import { benchName } from './names.ts';
import { timedEvent, timedEventSchema, type TimedEvent } from './payload.ts';

/** What the latency loops need of a client, on a fresh topic of its own. */
export interface LatencyClient {
  /** Subscribes a fresh group; `arrived(index, sentAt)` is called as each event is handled. */
  subscribe(arrived: (index: number, sentAt: number) => void): Promise<() => Promise<void>>;
  /** Publishes events `first…` with these due times as one batch, resolving once acknowledged. */
  publish(first: number, dueAt: readonly number[]): Promise<unknown>;
  close(): Promise<void>;
}

/** The key of event `index`: `e-42`. */
export function eventKey(index: number): string {
  return `e-${index}`;
}

export function eventIndex(key: string | undefined): number {
  return Number(key?.slice('e-'.length));
}

/** A bus (Kafka or embedded) as an application uses it: a typed topic, `bus.publish`, a `bus.subscribe` handler (validated, committed after handling). */
export async function oursClient(
  bus: Bus,
  partitions: number,
  track: (...names: string[]) => void,
): Promise<LatencyClient> {
  const topic: Topic<TimedEvent> = defineTopic<TimedEvent>({
    name: benchName(`latency-${bus.kind}`),
    partitions,
    schema: timedEventSchema,
  });
  track(topic.name, `${topic.name}.dlq`);
  await bus.declare([topic]);
  return {
    async subscribe(arrived) {
      const subscription = await bus.subscribe({
        group: benchName(`latency-${bus.kind}`),
        topic,
        handle: (message) => {
          arrived(eventIndex(message.key), message.value.sentAt);
          return Promise.resolve();
        },
      });
      return () => subscription.close();
    },
    publish: (first, dueAt) =>
      bus.publish(
        topic,
        dueAt.map((sentAt, i) => ({ key: eventKey(first + i), value: timedEvent(sentAt) })),
      ),
    close: () => Promise.resolve(),
  };
}
