import type { Member } from './group-member.ts';
import type { OffsetStore } from './offset-store.ts';
import { PartitionRunner } from './partition-runner.ts';
import type { StoredTopic } from './topic-catalog.ts';

/**
 * One group on one topic: its members in joining order and one runner per partition. Partition p
 * belongs to member p mod n (round robin), recomputed whenever a member joins or leaves.
 */
class ConsumerGroup {
  readonly #members: Member[] = [];
  readonly #runners: PartitionRunner[];

  constructor(group: string, topic: StoredTopic, offsets: OffsetStore, startAt: 'earliest' | 'latest') {
    this.#runners = topic.logs.map(
      (log, partition) =>
        new PartitionRunner({
          group,
          topic: topic.name,
          partition,
          log,
          offsets,
          startAt,
          ownerOf: () => this.#ownerOf(partition),
        }),
    );
  }

  get size(): number {
    return this.#members.length;
  }

  join(member: Member): void {
    this.#members.push(member);
    this.#rebalance();
  }

  leave(member: Member): void {
    const index = this.#members.indexOf(member);
    if (index >= 0) this.#members.splice(index, 1);
    this.#rebalance();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#runners.map((runner) => runner.stop()));
  }

  #ownerOf(partition: number): Member | undefined {
    const count = this.#members.length;
    return count === 0 ? undefined : this.#members[partition % count];
  }

  #rebalance(): void {
    for (const runner of this.#runners) runner.wake();
  }
}

/** Every consumer group of this process, by group and topic. */
export class ConsumerGroups {
  readonly #offsets: OffsetStore;
  readonly #groups = new Map<string, ConsumerGroup>();

  constructor(offsets: OffsetStore) {
    this.#offsets = offsets;
  }

  /**
   * Adds `member` to `group` on `topic`; returns its leave, which ends its retry backoffs, waits for
   * its handlers in flight, and makes the commits durable. A group left empty stops its runners.
   */
  join(
    group: string,
    topic: StoredTopic,
    member: Member,
    startAt: 'earliest' | 'latest' = 'earliest',
  ): () => Promise<void> {
    const key = JSON.stringify([group, topic.name]);
    let consumers = this.#groups.get(key);
    if (consumers === undefined) {
      consumers = new ConsumerGroup(group, topic, this.#offsets, startAt);
      this.#groups.set(key, consumers);
    }
    consumers.join(member);
    const joined = consumers;
    return async () => {
      joined.leave(member);
      await member.stop();
      if (joined.size === 0 && this.#groups.get(key) === joined) {
        this.#groups.delete(key);
        await joined.stop();
      }
      await this.#offsets.flush();
    };
  }

  /** Stops every runner; members are expected to have left. */
  async stop(): Promise<void> {
    const groups = [...this.#groups.values()];
    this.#groups.clear();
    await Promise.all(groups.map((group) => group.stop()));
  }
}
