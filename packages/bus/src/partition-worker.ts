/**
 * Runs work one item at a time per partition and many partitions side by side: the order of a
 * partition is the order of its handling. `drain()` awaits everything queued so far.
 */
export class PartitionWorker {
  readonly #tails = new Map<string, Promise<void>>();
  #pending = 0;

  /** How many items are queued or running, across partitions (for back-pressure). */
  get pending(): number {
    return this.#pending;
  }

  enqueue(partitionKey: string, work: () => Promise<void>): Promise<void> {
    this.#pending++;
    const previous = this.#tails.get(partitionKey) ?? Promise.resolve();
    const run = previous.then(work).finally(() => {
      this.#pending--;
    });
    // The chain goes on after a failure; the caller sees the failure through the returned promise.
    const tail: Promise<void> = run.then(
      () => this.#release(partitionKey, tail),
      () => this.#release(partitionKey, tail),
    );
    this.#tails.set(partitionKey, tail);
    return run;
  }

  async drain(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }

  #release(partitionKey: string, tail: Promise<void>): void {
    if (this.#tails.get(partitionKey) === tail) this.#tails.delete(partitionKey);
  }
}
