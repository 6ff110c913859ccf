import { setImmediate as nextTurn } from 'node:timers/promises';

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: while one flush runs, new submissions queue; the next flush takes all of them at
 * once, so concurrent writers share one write and one fsync. Each round first lets the current turn
 * of the event loop finish, so writers released by the previous round join the next one together.
 */
export class GroupCommit<T, R> {
  readonly #flush: (items: readonly T[]) => Promise<readonly R[]>;
  #queue: Array<Pending<T, R>> = [];
  #running: Promise<void> | undefined;

  /** `flush` persists the items and returns one result per item, in order; if it throws, they all fail. */
  constructor(flush: (items: readonly T[]) => Promise<readonly R[]>) {
    this.#flush = flush;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /** Resolves once everything submitted so far has been flushed or has failed. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #run(): Promise<void> {
    while (this.#queue.length > 0) {
      await nextTurn();
      const batch = this.#queue;
      this.#queue = [];
      try {
        const results = await this.#flush(batch.map((pending) => pending.item));
        batch.forEach((pending, i) => pending.resolve(results[i]!));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.#running = undefined;
  }
}
