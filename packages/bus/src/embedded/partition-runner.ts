import { setTimeout as sleep } from 'node:timers/promises';
import type { RawRecord } from '../delivery.ts';
import { backoffDelay, type RetryPolicy } from '../retry.ts';
import type { Member } from './group-member.ts';
import { Latch } from './latch.ts';
import type { OffsetStore } from './offset-store.ts';
import type { PartitionLog, ReadLimits, StoredRecord } from './partition-log.ts';

export interface RunnerOptions {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly log: PartitionLog;
  readonly offsets: OffsetStore;
  /** Where to start when the group committed nothing on this partition. */
  readonly startAt: 'earliest' | 'latest';
  /** The member that owns the partition now, if any; asked again before every record. */
  readonly ownerOf: () => Member | undefined;
}

/** Back-pressure: one read brings at most this much into memory. */
const readLimits: ReadLimits = { maxRecords: 256, maxBytes: 1024 * 1024 };
/** When reading the log or dead-lettering fails, the record waits and is tried again. */
const failureRetry: RetryPolicy = {
  maxAttempts: Number.MAX_SAFE_INTEGER,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  multiplier: 2,
  jitter: 'full',
};

/**
 * Consumes one partition for one group: strictly one record at a time, in offset order, each to the
 * member owning the partition at that moment. Because one runner serves the partition whoever owns
 * it, a rebalance hands it over between two records: the previous owner's record is finished and
 * committed first. It sleeps until the log grows or the owner changes: no polling.
 */
export class PartitionRunner {
  readonly #options: RunnerOptions;
  readonly #wake = new Latch();
  readonly #stop = new AbortController();
  readonly #done: Promise<void>;
  #position: number;

  constructor(options: RunnerOptions) {
    this.#options = options;
    // A group the store has never seen starts from the earliest offset, or after the last record.
    this.#position =
      options.offsets.committed(options.group, options.topic, options.partition) ??
      (options.startAt === 'latest' ? options.log.end : 0);
    this.#done = this.#run();
  }

  /** Looks for work again: called when the partition's owner may have changed. */
  wake(): void {
    this.#wake.notify();
  }

  /** Stops after the record in hand (callers make sure no member is mid-delivery). */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#wake.notify();
    await this.#done;
  }

  async #run(): Promise<void> {
    const unsubscribe = this.#options.log.onAppend(() => this.#wake.notify());
    let failures = 0;
    try {
      while (!this.#stop.signal.aborted) {
        try {
          if (!(await this.#step())) await this.#wake.wait();
          failures = 0;
        } catch {
          failures++;
          const delay = backoffDelay(failureRetry, failures);
          await sleep(delay, undefined, { signal: this.#stop.signal }).catch(() => undefined);
        }
      }
    } finally {
      unsubscribe();
    }
  }

  /** Delivers the next batch; false when there is nothing to do until woken. */
  async #step(): Promise<boolean> {
    const { log, ownerOf } = this.#options;
    if (ownerOf() === undefined || this.#position >= log.end) return false;
    const records = await log.read(this.#position, readLimits);
    for (const record of records) {
      const owner = ownerOf();
      if (owner === undefined || this.#stop.signal.aborted) break;
      const outcome = await owner.deliver(this.#raw(record), () => this.#commit(record.offset + 1));
      if (outcome === 'abandoned') break; // its owner left mid-retry: the next owner gets it again
    }
    ownerOf()?.reportLag(this.#options.partition, log.end - this.#position);
    return true;
  }

  #commit(next: number): void {
    this.#position = next;
    this.#options.offsets.commit(this.#options.group, this.#options.topic, this.#options.partition, next);
  }

  #raw(record: StoredRecord): RawRecord {
    return {
      topic: this.#options.topic,
      partition: this.#options.partition,
      offset: String(record.offset),
      key: record.key,
      value: record.value,
      headers: record.headers,
    };
  }
}
