import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BusError } from '../errors.ts';
import { syncDirectory, writeFileAtomic } from './atomic-file.ts';
import { PartitionLog } from './partition-log.ts';

export interface StoredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly logs: readonly PartitionLog[];
}

/** When a topic exists with another partition count: refuse ('fail'), or use the existing one ('keep'). */
export type OnMismatch = 'fail' | 'keep';

const META = 'topic.json';

/**
 * The topics of one directory: `<root>/<topic>/topic.json` holds the partition count and
 * `<root>/<topic>/<partition>.log` each partition. A topic exists once its topic.json is durable.
 */
export class TopicCatalog {
  readonly #root: string;
  readonly #topics = new Map<string, StoredTopic>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(root: string) {
    this.#root = root;
  }

  /** Loads every declared topic, recovering its logs. */
  static async open(root: string): Promise<TopicCatalog> {
    await mkdir(root, { recursive: true });
    await syncDirectory(dirname(root));
    const catalog = new TopicCatalog(root);
    const names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    const loaded = await Promise.allSettled(names.map((name) => catalog.#load(name)));
    const failure = loaded.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      await catalog.close();
      throw failure.reason;
    }
    return catalog;
  }

  get(name: string): StoredTopic | undefined {
    return this.#topics.get(name);
  }

  /** Creates the topic unless it exists; declarations run one at a time. */
  declare(name: string, partitions: number, onMismatch: OnMismatch = 'fail'): Promise<StoredTopic> {
    const run = this.#queue.then(() => this.#declare(name, partitions, onMismatch));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for declarations in progress, then closes every log. */
  async close(): Promise<void> {
    await this.#queue;
    await Promise.all([...this.#topics.values()].flatMap((topic) => topic.logs.map((log) => log.close())));
  }

  async #declare(name: string, partitions: number, onMismatch: OnMismatch): Promise<StoredTopic> {
    const known = this.#topics.get(name);
    if (known !== undefined) {
      if (known.partitions !== partitions && onMismatch === 'fail') {
        throw new BusError(
          'BUS.TOPIC_MISMATCH',
          `topic ${name} exists with ${known.partitions} partitions, not ${partitions}`,
          { topic: name, existing: known.partitions, declared: partitions },
        );
      }
      return known;
    }
    const dir = join(this.#root, name);
    await mkdir(dir, { recursive: true });
    await syncDirectory(this.#root);
    const topic = await this.#register(name, partitions);
    await syncDirectory(dir);
    await writeFileAtomic(join(dir, META), JSON.stringify({ name, partitions }));
    return topic;
  }

  async #load(name: string): Promise<void> {
    let meta: { partitions?: unknown };
    try {
      meta = JSON.parse(await readFile(join(this.#root, name, META), 'utf8')) as { partitions?: unknown };
    } catch (error) {
      // A crash between creating a topic's folder and writing its topic.json: it was never declared.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (typeof meta.partitions !== 'number' || !Number.isInteger(meta.partitions) || meta.partitions < 1) {
      throw new Error(`${join(this.#root, name, META)}: no valid partition count`);
    }
    await this.#register(name, meta.partitions);
  }

  async #register(name: string, partitions: number): Promise<StoredTopic> {
    const opened = await Promise.allSettled(
      Array.from({ length: partitions }, (_, p) => PartitionLog.open(join(this.#root, name, `${p}.log`))),
    );
    const logs = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = opened.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      await Promise.all(logs.map((log) => log.close()));
      throw failure.reason;
    }
    const topic: StoredTopic = { name, partitions, logs };
    this.#topics.set(name, topic);
    return topic;
  }
}
