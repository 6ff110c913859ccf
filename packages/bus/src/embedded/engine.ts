import { join } from 'node:path';
import { ConsumerGroups } from './consumer-groups.ts';
import { lockDirectory, type DirectoryLock } from './dir-lock.ts';
import { OffsetStore } from './offset-store.ts';
import { TopicCatalog } from './topic-catalog.ts';

/**
 * Everything one process holds for one directory: its lock, its topics (with their partition
 * logs), the committed offsets and the consumer groups. Layout:
 *   <dir>/LOCK                          the pid of the process that has the directory
 *   <dir>/offsets.json                  committed offsets of every group
 *   <dir>/topics/<topic>/topic.json     the partition count
 *   <dir>/topics/<topic>/<p>.log        partition p's records
 */
export class Engine {
  readonly topics: TopicCatalog;
  readonly offsets: OffsetStore;
  readonly groups: ConsumerGroups;
  readonly #lock: DirectoryLock;

  private constructor(lock: DirectoryLock, topics: TopicCatalog, offsets: OffsetStore) {
    this.#lock = lock;
    this.topics = topics;
    this.offsets = offsets;
    this.groups = new ConsumerGroups(offsets);
  }

  /** Takes the directory's lock, then recovers its topics and loads its offsets. */
  static async open(dir: string): Promise<Engine> {
    const lock = await lockDirectory(dir);
    let topics: TopicCatalog | undefined;
    try {
      const catalog = (topics = await TopicCatalog.open(join(dir, 'topics')));
      const offsets = await OffsetStore.open(join(dir, 'offsets.json'));
      offsets.clampTo((topic, partition) => catalog.get(topic)?.logs[partition]?.end);
      return new Engine(lock, catalog, offsets);
    } catch (error) {
      await topics?.close();
      await lock.release();
      throw error;
    }
  }

  /** Stops the consumers, makes commits and logs durable, closes the files and releases the lock. */
  async close(): Promise<void> {
    const steps = [() => this.groups.stop(), () => this.offsets.close(), () => this.topics.close()];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    await this.#lock.release();
    if (failures.length > 0) throw failures[0];
  }
}
