import type { SucceededAttempt } from '../jobs/continuations.ts';

/** Records succeeded attempts in one transaction; answers the ids that still held their job (`completeAndRelease`). */
export type CompleteAll = (attempts: readonly SucceededAttempt[]) => Promise<ReadonlySet<string>>;

interface Waiting {
  readonly attempt: SucceededAttempt;
  readonly resolve: (held: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of succeeded attempts: each is recorded as soon as it is handed over, in one
 * transaction with every other handed over meanwhile (while the previous transaction ran, or in
 * the same turn of the event loop), so a busy worker completes many jobs per transaction and an
 * idle one still completes each at once. One transaction at a time per worker.
 */
export class Completions {
  readonly #completeAll: CompleteAll;
  readonly #waiting: Waiting[] = [];
  #flushing = false;

  constructor(completeAll: CompleteAll) {
    this.#completeAll = completeAll;
  }

  /** Records the attempt's success; answers whether it still held its job (false: nothing changed). */
  complete(attempt: SucceededAttempt): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ attempt, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#waiting.length > 0) {
      const group = this.#waiting.splice(0);
      try {
        const held = await this.#completeAll(group.map((waiting) => waiting.attempt));
        for (const waiting of group) waiting.resolve(held.has(waiting.attempt.id));
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.#flushing = false;
  }
}
