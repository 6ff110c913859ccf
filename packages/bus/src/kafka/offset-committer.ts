/** A record that may be committed: the offset after it, from the group generation it was fetched in. */
export interface CommitEntry {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: the finished record's offset + 1. */
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly generation: number;
}

export interface CommitPort {
  /** One OffsetCommit request. */
  commit(offsets: Array<{ topic: string; partition: number; offset: bigint; leaderEpoch: number }>): Promise<void>;
  /** The generation commits are made in now, or undefined while the member is (re)joining. */
  generation(): number | undefined;
}

/**
 * Commits finished offsets, per partition never backwards, one OffsetCommit in flight at a time:
 * offsets finished meanwhile are merged (the highest per partition) into the next one. An offset
 * fetched in an older generation than the member's is dropped, since its partition may belong to
 * another member now; its record is delivered again (at least once, never lost).
 */
export class OffsetCommitter {
  readonly #port: CommitPort;
  readonly #pending = new Map<number, CommitEntry>();
  #inflight: Promise<boolean> | undefined;

  constructor(port: CommitPort) {
    this.#port = port;
  }

  track(entry: CommitEntry): void {
    const current = this.#pending.get(entry.partition);
    if (current === undefined || newer(entry, current)) this.#pending.set(entry.partition, entry);
    void this.#kick();
  }

  /**
   * Commits everything tracked so far. A failed commit is tried again a few times; after that its
   * records will simply be delivered again.
   */
  async flush(attempts = 3): Promise<void> {
    let failures = 0;
    while (failures < attempts) {
      if (this.#inflight !== undefined) {
        if (!(await this.#inflight)) failures++;
        continue;
      }
      if (!this.#hasCommittable()) return;
      if (!(await this.#kick())) failures++;
    }
  }

  /** Starts a commit of what is pending unless one is in flight; resolves false if it failed. */
  #kick(): Promise<boolean> {
    if (this.#inflight !== undefined) return this.#inflight;
    const batch = this.#take();
    if (batch.length === 0) return Promise.resolve(true);
    const offsets = batch.map(({ topic, partition, offset, leaderEpoch }) => ({
      topic,
      partition,
      offset,
      leaderEpoch,
    }));
    const inflight = this.#port.commit(offsets).then(
      () => true,
      () => {
        this.#restore(batch);
        return false;
      },
    );
    this.#inflight = inflight.finally(() => {
      this.#inflight = undefined;
    });
    // What finished while this commit was in flight goes next; after a failure, on the next track() or flush().
    void inflight.then((ok) => (ok ? this.#kick() : undefined));
    return this.#inflight;
  }

  /** Takes the entries of the current generation and drops older ones. */
  #take(): CommitEntry[] {
    const generation = this.#port.generation();
    if (generation === undefined) return [];
    const batch: CommitEntry[] = [];
    for (const [partition, entry] of this.#pending) {
      if (entry.generation === generation) batch.push(entry);
      this.#pending.delete(partition);
    }
    return batch;
  }

  #restore(batch: readonly CommitEntry[]): void {
    for (const entry of batch) {
      const current = this.#pending.get(entry.partition);
      if (current === undefined || newer(entry, current)) this.#pending.set(entry.partition, entry);
    }
  }

  #hasCommittable(): boolean {
    const generation = this.#port.generation();
    return [...this.#pending.values()].some((entry) => entry.generation === generation);
  }
}

function newer(entry: CommitEntry, than: CommitEntry): boolean {
  return entry.generation > than.generation || (entry.generation === than.generation && entry.offset > than.offset);
}
