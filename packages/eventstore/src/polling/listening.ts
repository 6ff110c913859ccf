import type { SqlExecutor } from '@eventflow/sql';

export interface NotificationSource {
  /** An adapter's own executor; without `listen` the loop only polls. */
  readonly executor: SqlExecutor;
  readonly channel: string;
}

/**
 * Keeps a LISTEN open while a loop runs: listens again after the connection is lost, at most once per
 * `retryMs` (between attempts, and whenever it fails, the loop's polling covers for it).
 */
export class Listening {
  readonly #source: NotificationSource | undefined;
  readonly #wake: () => void;
  readonly #onError: (error: unknown) => void;
  readonly #retryMs: number;
  #unlisten: (() => Promise<void>) | undefined;
  #lastAttempt = Number.NEGATIVE_INFINITY;

  constructor(
    source: NotificationSource | undefined,
    wake: () => void,
    onError: (error: unknown) => void,
    retryMs: number,
  ) {
    this.#source = source;
    this.#wake = wake;
    this.#onError = onError;
    this.#retryMs = retryMs;
  }

  async ensure(): Promise<void> {
    const listen = this.#source?.executor.listen?.bind(this.#source.executor);
    if (listen === undefined || this.#unlisten !== undefined) return;
    if (Date.now() - this.#lastAttempt < this.#retryMs) return;
    this.#lastAttempt = Date.now();
    try {
      const unlisten = await listen(this.#source!.channel, {
        notify: this.#wake,
        lost: (error) => {
          if (this.#unlisten === unlisten) this.#unlisten = undefined;
          this.#onError(error);
          this.#wake();
        },
      });
      this.#unlisten = unlisten;
    } catch (error) {
      this.#onError(error);
    }
  }

  async stop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    await unlisten?.();
  }
}
