import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from '@platformatic/kafka';
import { leaves } from './client-errors.ts';
import { BusError } from '../errors.ts';
import type { Topic } from '../topic.ts';

/**
 * What the broker says about topics: creates the missing ones and checks partition counts.
 *
 * A topic that exists with another partition count than its declaration is refused with
 * BUS.TOPIC_MISMATCH, never altered: adding partitions moves keys to other partitions (and so
 * breaks per-key order for messages in flight), which is an operator's decision, after which the
 * declaration in code is updated to match.
 */
export class TopicCatalog {
  readonly #admin: Admin;
  readonly #replicationFactor: number;
  /** Partition counts seen on the broker, by topic name (a promise, so concurrent callers ask once). */
  readonly #known = new Map<string, Promise<number>>();

  constructor(admin: Admin, replicationFactor: number) {
    this.#admin = admin;
    this.#replicationFactor = replicationFactor;
  }

  /** Creates what is missing; throws BUS.TOPIC_MISMATCH for an existing topic of another partition count. */
  async declare(topics: ReadonlyArray<Topic<unknown>>): Promise<void> {
    const wanted = distinct(topics);
    await this.#createMissing(wanted);
    await Promise.all(wanted.map((topic) => this.verify(topic)));
  }

  /**
   * Creates the topic if missing (a dead-letter topic) and returns its actual partition count, which
   * may differ from the one asked for if it existed before.
   */
  async ensure(name: string, partitions: number): Promise<number> {
    await this.#createMissing([{ name, partitions }]);
    return this.partitionsOf(name);
  }

  /** Throws BUS.UNKNOWN_TOPIC or BUS.TOPIC_MISMATCH unless the broker has the topic as declared. */
  async verify(topic: Pick<Topic<unknown>, 'name' | 'partitions'>): Promise<void> {
    const actual = await this.partitionsOf(topic.name);
    if (actual !== topic.partitions) {
      throw new BusError(
        'BUS.TOPIC_MISMATCH',
        `topic ${topic.name} has ${actual} partitions on the broker but is declared with ${topic.partitions}; ` +
          'partitions are never changed by the bus: align the declaration or the topic',
        { topic: topic.name, declared: topic.partitions, actual },
      );
    }
  }

  partitionsOf(name: string): Promise<number> {
    let known = this.#known.get(name);
    if (known === undefined) {
      known = this.#lookUp(name);
      this.#known.set(name, known);
      known.catch(() => this.#known.delete(name));
    }
    return known;
  }

  async #lookUp(name: string): Promise<number> {
    // listTopics answers at once; metadata for an unknown topic retries for seconds first.
    if (!(await this.#admin.listTopics()).includes(name)) {
      throw new BusError('BUS.UNKNOWN_TOPIC', `topic ${name} does not exist: declare it first`, { topic: name });
    }
    const metadata = await this.#admin.metadata({ topics: [name] });
    const partitions = metadata.topics.get(name)?.partitionsCount;
    if (partitions === undefined) {
      throw new BusError('BUS.UNKNOWN_TOPIC', `the broker has no metadata for topic ${name}`, { topic: name });
    }
    return partitions;
  }

  async #createMissing(topics: ReadonlyArray<Pick<Topic<unknown>, 'name' | 'partitions'>>): Promise<void> {
    const unknown = topics.filter((topic) => !this.#known.has(topic.name));
    if (unknown.length === 0) return;
    const existing = new Set(await this.#admin.listTopics());
    const missing = unknown.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    try {
      await this.#admin.createTopics({
        topics: missing.map((topic) => ({
          topic: topic.name,
          partitions: topic.partitions,
          replicas: this.#replicationFactor,
        })),
      });
    } catch (error) {
      // Another process created it in the meantime: the partition count is checked next.
      if (!onlyAlreadyExists(error)) throw error;
    }
    await this.#visible(missing.map((topic) => topic.name));
  }

  /** The controller has created them; brokers learn of it a moment later. Declared means usable. */
  async #visible(names: readonly string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      const listed = new Set(await this.#admin.listTopics());
      if (names.every((name) => listed.has(name))) return;
      if (Date.now() > deadline)
        throw new Error(`created topics not visible after ${timeoutMs} ms: ${names.join(', ')}`);
      await sleep(pause);
    }
  }
}

function distinct(topics: ReadonlyArray<Topic<unknown>>): Array<Topic<unknown>> {
  const byName = new Map<string, Topic<unknown>>();
  for (const topic of topics) {
    const seen = byName.get(topic.name);
    if (seen !== undefined && seen.partitions !== topic.partitions) {
      throw new BusError('BUS.TOPIC_MISMATCH', `topic ${topic.name} is declared twice with different partitions`, {
        topic: topic.name,
      });
    }
    byName.set(topic.name, topic);
  }
  return [...byName.values()];
}

function onlyAlreadyExists(error: unknown): boolean {
  const found = leaves(error);
  return found.length > 0 && found.every((leaf) => (leaf as { apiId?: unknown }).apiId === 'TOPIC_ALREADY_EXISTS');
}
