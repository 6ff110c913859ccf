import { defineTopic, type Bus, type Topic } from '@eventflow/bus';
import { benchName } from '../lib/names.ts';
import { orderEvent, orderEventSchema, type OrderEvent } from '../lib/payload.ts';
import { Counter } from '../lib/counter.ts';
import { range, type Contender, type ContenderSetup } from './run-shape.ts';

/**
 * Our adapter as an application uses it: a typed topic, `bus.publish` of batches (validation, the
 * standard headers, the Java partitioner, one idempotent produce call) and a `bus.subscribe`
 * handler (per-partition order, validation on consume, commit after handling).
 */
export function ours(bus: Bus, options: ContenderSetup): Contender {
  const topics = new Map<string, Topic<OrderEvent>>();
  const topicOf = (name: string): Topic<OrderEvent> => {
    const topic = topics.get(name);
    if (topic === undefined) throw new Error(`unknown topic ${name}`);
    return topic;
  };
  return {
    async createTopic() {
      const topic = defineTopic<OrderEvent>({
        name: benchName('ours'),
        partitions: options.partitions,
        schema: orderEventSchema,
      });
      options.track(topic.name, `${topic.name}.dlq`);
      await bus.declare([topic]);
      topics.set(topic.name, topic);
      return topic.name;
    },
    publish(topic, first, count) {
      return bus.publish(topicOf(topic), range(first, count).map(message));
    },
    async count(topic, total) {
      const counter = new Counter(total);
      const subscription = await bus.subscribe({
        group: benchName('ours-group'),
        topic: topicOf(topic),
        handle: (envelope) => {
          counter.saw(envelope.key);
          return Promise.resolve();
        },
      });
      counter.close = () => subscription.close();
      return counter;
    },
    close: () => Promise.resolve(),
  };
}

function message(i: number): { key: string; value: OrderEvent } {
  const value = orderEvent(i);
  return { key: value.orderId, value };
}
