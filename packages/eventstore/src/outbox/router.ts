import type { Topic } from '@eventflow/bus';
import type { RecordedEvent } from '../events/types.ts';

/** Where events of one type go: a topic, the message key (default: the stream id) and the payload. */
export interface EventRoute<T = unknown> {
  readonly topic: Topic<T>;
  /** Default: the event's stream id, so a stream stays on one partition, in order. */
  readonly key?: (event: RecordedEvent) => string;
  /** Default: the event's data. */
  readonly value?: (event: RecordedEvent) => T;
  /** The message's type on the topic. Default: the event's type (name it when the topic's contract calls it otherwise). */
  readonly type?: string;
}

/** A route applied to one event; the value is already validated against the topic's schema. */
export interface ResolvedRoute {
  readonly topic: Topic<unknown>;
  readonly key: string;
  readonly value: unknown;
  /** The message type the row is published with. */
  readonly type: string;
}

export interface OutboxRouter {
  /** Every topic a route names: the relay declares them and looks rows' topics up by name. */
  readonly topics: ReadonlyArray<Topic<unknown>>;
  /** Where an appended event goes, or undefined when it is not published. */
  route(event: RecordedEvent): ResolvedRoute | undefined;
}

export interface OutboxRouterOptions {
  /** For event types without a route of their own. Default: such events are not published. */
  readonly otherwise?: EventRoute;
}

function topicsOf(routes: readonly EventRoute[]): Array<Topic<unknown>> {
  const byName = new Map<string, Topic<unknown>>();
  for (const { topic } of routes) {
    const known = byName.get(topic.name);
    if (known !== undefined && known.partitions !== topic.partitions) {
      throw new RangeError(`topic ${topic.name} is routed with ${known.partitions} and ${topic.partitions} partitions`);
    }
    byName.set(topic.name, known ?? topic);
  }
  return [...byName.values()];
}

/**
 * Maps event types to topics. An event whose payload the topic's schema refuses throws (BUS.INVALID_MESSAGE)
 * inside the append's transaction, so it is refused with its append instead of blocking the relay later.
 */
export function defineOutboxRouter(
  routes: Readonly<Record<string, EventRoute>>,
  options: OutboxRouterOptions = {},
): OutboxRouter {
  const byType = new Map(Object.entries(routes));
  const all = [...byType.values(), ...(options.otherwise === undefined ? [] : [options.otherwise])];
  return {
    topics: topicsOf(all),
    route(event) {
      const route = byType.get(event.type) ?? options.otherwise;
      if (route === undefined) return undefined;
      const value = route.value === undefined ? event.data : route.value(event);
      return {
        topic: route.topic,
        key: route.key?.(event) ?? event.streamId,
        value: route.topic.validate(value),
        type: route.type ?? event.type,
      };
    },
  };
}
