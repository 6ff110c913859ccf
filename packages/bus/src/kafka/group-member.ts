import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, type Offsets, stringDeserializer } from '@platformatic/kafka';
import { backoffDelay } from '../retry.ts';
import type { KafkaSettings } from './options.ts';
import type { KafkaMessage } from './records.ts';
import { persistentRetry } from './reliable-delivery.ts';

/** What a subscription uses of the library's MessagesStream. */
export interface RecordStream {
  on(event: 'data', listener: (message: KafkaMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  close(): Promise<void>;
}

export interface CommitOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly leaderEpoch: number;
}

/** What a subscription uses of its group member. */
export interface Member {
  /** The group generation the member is in: commits of another one are refused. */
  readonly generation: number;
  join(): Promise<void>;
  /** A stream from the committed offsets of the partitions owned now (`startAt` where none is). */
  openStream(): Promise<RecordStream>;
  commit(offsets: CommitOffset[]): Promise<void>;
  /** Leaves the group (its streams must be closed first) and closes the client. */
  close(): Promise<void>;
}

/** What a member tells its subscription about the group. */
export interface MemberEvents {
  /** Before every JoinGroup while the member still owns its partitions: finish, commit, let go. */
  revoke(): Promise<void>;
  /** After every join: the partitions of the topic this member owns now. */
  assigned(partitions: readonly number[]): void;
  lag?(partition: number, lag: number): void;
}

/**
 * One consumer-group member on one topic (the classic protocol, round-robin assignment, commits
 * only by hand). The library rejoins by itself when the group rebalances; `protocolsMetadata`,
 * which it awaits before each JoinGroup, is where partitions are given up.
 */
export class GroupMember implements Member {
  readonly #consumer: Consumer<string, Buffer, string, string>;
  readonly #topic: string;
  readonly #settings: KafkaSettings;
  readonly #startAt: 'earliest' | 'latest';
  readonly #stopped = new AbortController();
  #rejoining = false;

  constructor(
    settings: KafkaSettings,
    group: string,
    topic: string,
    events: MemberEvents,
    startAt: 'earliest' | 'latest' = 'earliest',
  ) {
    this.#settings = settings;
    this.#startAt = startAt;
    this.#topic = topic;
    this.#consumer = new Consumer({
      clientId: settings.clientId,
      bootstrapBrokers: settings.brokers,
      groupId: group,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      autocommit: false,
      maxWaitTime: settings.fetchMaxWaitMs,
      deserializers: { key: stringDeserializer, headerKey: stringDeserializer, headerValue: stringDeserializer },
      protocolsMetadata: async () => {
        await events.revoke();
        return Buffer.alloc(0);
      },
    });
    this.#consumer.on('consumer:group:join', ({ assignments }) => {
      events.assigned(assignments?.find((assignment) => assignment.topic === topic)?.partitions ?? []);
    });
    // Emitted when a rejoin failed for good: the member is out of the group until it joins again.
    this.#consumer.on('error', () => void this.#rejoin());
    if (events.lag !== undefined) this.#reportLag((partition, lag) => events.lag?.(partition, lag));
  }

  get generation(): number {
    return this.#consumer.generationId;
  }

  async join(): Promise<void> {
    // Held for the member's life, so that closing a stream never unsubscribes the topic.
    this.#consumer.topics.track(this.#topic);
    await this.#consumer.joinGroup({});
  }

  openStream(): Promise<RecordStream> {
    return this.#consumer.consume({
      topics: [this.#topic],
      mode: 'committed',
      fallbackMode: this.#startAt,
      autocommit: false,
      maxWaitTime: this.#settings.fetchMaxWaitMs,
    });
  }

  commit(offsets: CommitOffset[]): Promise<void> {
    return this.#consumer.commit({ offsets });
  }

  async close(): Promise<void> {
    this.#stopped.abort();
    this.#consumer.stopLagMonitoring();
    try {
      await this.#consumer.close();
    } catch {
      await this.#consumer.close(true);
    }
  }

  async #rejoin(): Promise<void> {
    if (this.#rejoining) return;
    this.#rejoining = true;
    for (let attempt = 1; !this.#stopped.signal.aborted; attempt++) {
      try {
        await sleep(backoffDelay(persistentRetry, attempt), undefined, { signal: this.#stopped.signal });
        await this.#consumer.joinGroup({});
        break;
      } catch {
        // Closed, or the broker is still away: try again after a longer pause.
      }
    }
    this.#rejoining = false;
  }

  #reportLag(report: (partition: number, lag: number) => void): void {
    this.#consumer.on('consumer:lag', (lag: Offsets) => {
      // -1 marks a partition this member does not own.
      (lag.get(this.#topic) ?? []).forEach((value, partition) => {
        if (value >= 0n) report(partition, Number(value));
      });
    });
    this.#consumer.startLagMonitoring({ topics: [this.#topic] }, this.#settings.lagIntervalMs);
  }
}
