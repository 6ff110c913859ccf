import type { Bus, OutgoingMessage, Topic } from '@eventflow/bus';
import type { SchemaRegistry } from './registry.ts';

/**
 * The same Bus, but every published value is first checked against the registered schema of its
 * `type` header (the message's, else the topic's) at the topic's `schemaVersion`. One bad message
 * (or an unregistered type or version: SCHEMA.NOT_FOUND) throws and nothing of the batch is sent.
 * Validators are compiled once per type and version. Subscribing is unchanged.
 */
export function withSchemaValidation(bus: Bus, registry: SchemaRegistry): Bus {
  return {
    kind: bus.kind,
    declare: (topics) => bus.declare(topics),
    async publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>) {
      for (const message of messages) {
        await registry.validate(message.type ?? topic.type, topic.schemaVersion, message.value);
      }
      return bus.publish(topic, messages);
    },
    subscribe: (options) => bus.subscribe(options),
    close: () => bus.close(),
  };
}
