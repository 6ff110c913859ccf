import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.ts';

interface CommittedOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group will consume (Kafka's meaning of a committed offset). */
  readonly next: number;
}

const FLUSH_DELAY_MS = 5;
const RETRY_DELAY_MS = 1000;

/**
 * Committed offsets of every group, held in memory and written as one JSON file (temp, fsync,
 * rename, fsync the folder) a few milliseconds after a commit, so many commits share one write.
 * A crash may lose the last few milliseconds of commits: those messages are delivered again.
 */
export class OffsetStore {
  readonly #path: string;
  readonly #offsets = new Map<string, CommittedOffset>();
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(path: string): Promise<OffsetStore> {
    const store = new OffsetStore(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    const saved = JSON.parse(text) as { offsets: CommittedOffset[] };
    for (const entry of saved.offsets) store.#offsets.set(keyOf(entry.group, entry.topic, entry.partition), entry);
    return store;
  }

  committed(group: string, topic: string, partition: number): number | undefined {
    return this.#offsets.get(keyOf(group, topic, partition))?.next;
  }

  /**
   * After recovery cut a log short, a group committed past its end would skip the records that take
   * those offsets next: such offsets are moved back to the end.
   */
  clampTo(endOf: (topic: string, partition: number) => number | undefined): void {
    for (const { group, topic, partition, next } of [...this.#offsets.values()]) {
      const end = endOf(topic, partition);
      if (end !== undefined && next > end) this.commit(group, topic, partition, end);
    }
  }

  commit(group: string, topic: string, partition: number, next: number): void {
    this.#offsets.set(keyOf(group, topic, partition), { group, topic, partition, next });
    this.#dirty = true;
    this.#schedule(FLUSH_DELAY_MS);
  }

  /** Resolves once every commit made before the call is durable. */
  flush(): Promise<void> {
    const run = this.#chain.then(() => this.#write());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  #schedule(delay: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(() => this.#schedule(RETRY_DELAY_MS));
    }, delay);
    this.#timer.unref();
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      await writeFileAtomic(this.#path, JSON.stringify({ version: 1, offsets: [...this.#offsets.values()] }));
    } catch (error) {
      this.#dirty = true;
      throw error;
    }
  }
}

function keyOf(group: string, topic: string, partition: number): string {
  return JSON.stringify([group, topic, partition]);
}
