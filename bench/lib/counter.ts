import { signal } from './deadline.ts';

/**
 * A consumer counting the distinct events it read (by the index in their key, `order-00000042`),
 * so a record read twice — or written twice — is counted once, as a duplicate, and the run ends
 * only once every event published has been read.
 */
export class Counter {
  readonly #seen: Uint8Array;
  readonly #all = signal();
  distinct = 0;
  duplicates = 0;
  firstAt = 0;
  lastAt = 0;
  /** Set by the contender: leaves the group. */
  close: () => Promise<void> = () => Promise.resolve();

  constructor(total: number) {
    this.#seen = new Uint8Array(total);
  }

  get done(): Promise<void> {
    return this.#all.promise;
  }

  /** Called with the key of each record read. */
  saw(key: string | undefined): void {
    if (this.firstAt === 0) this.firstAt = performance.now();
    const index = Number(key?.slice('order-'.length));
    if (this.#seen[index] !== 0) {
      this.duplicates++;
      return;
    }
    this.#seen[index] = 1;
    if (++this.distinct === this.#seen.length) {
      this.lastAt = performance.now();
      this.#all.resolve();
    }
  }
}
