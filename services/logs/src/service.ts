import { randomUUID } from 'node:crypto';
import { untypedTopic, type Bus, type Subscription } from '@eventflow/bus';
import { operationLogPartitions, type OperationRecord } from '@eventflow/oplog';
import type { ServiceDefinition } from '@eventflow/service';
import { LogFeed } from './feed.ts';
import { logRoutes } from './routes.ts';

export interface LogsServiceOptions {
  readonly bus: Bus;
  /** The logs-* topics to follow. */
  readonly topics: readonly string[];
  readonly perTopic?: number;
}

/**
 * The logs service: follows every logs-* topic (each instance its own group, so every instance sees
 * everything) and serves the latest records and a live stream. Embedded it reads the data folder's
 * logs from their beginning; on Kafka, whose topics keep every run's records for days, it follows
 * from the moment it starts (`npm run logs` reads the history).
 */
export function logsService(options: LogsServiceOptions): ServiceDefinition & { readonly feed: LogFeed } {
  const feed = new LogFeed(options.perTopic === undefined ? {} : { perTopic: options.perTopic });
  const group = `logs-viewer-${randomUUID()}`;
  let subscriptions: Subscription[] = [];
  return {
    name: 'logs',
    description: 'Live operation logs of every service, by correlation id',
    feed,
    routes: [logRoutes(feed)],
    // The bus is checked by the host (the `bus` port, a round trip to the broker).
    workers: [
      {
        name: 'logs-follower',
        async start() {
          const topics = options.topics.map((name) => untypedTopic(name, operationLogPartitions));
          await options.bus.declare(topics);
          subscriptions = await Promise.all(
            topics.map((topic) =>
              options.bus.subscribe({
                // One group per topic: members of one Kafka group should subscribe to the same topics.
                group: `${group}-${topic.name}`,
                topic,
                startAt: options.bus.kind === 'kafka' ? 'latest' : 'earliest',
                // A viewer that cannot read a record skips it rather than dead-lettering the log.
                retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 'none' },
                deadLetterTopic: `${topic.name}.viewer-dlq`,
                handle: (message) => {
                  feed.add({
                    topic: message.topic,
                    partition: message.partition,
                    offset: message.offset,
                    record: message.value as OperationRecord,
                  });
                  return Promise.resolve();
                },
              }),
            ),
          );
        },
        async close() {
          await Promise.all(subscriptions.map((s) => s.close()));
        },
      },
    ],
  };
}
