/**
 * One piece of work per key at a time in this process: callers with the same key while it runs share
 * its outcome. The first caller is its leader.
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): { readonly outcome: Promise<T>; readonly leader: boolean } {
    const running = this.#flights.get(key);
    if (running !== undefined) return { outcome: running, leader: false };
    const outcome = work().finally(() => this.#flights.delete(key));
    this.#flights.set(key, outcome);
    return { outcome, leader: true };
  }

  /** Resolves once the work of `key` in flight (if any) has settled, whatever its outcome. */
  async settled(key: string): Promise<void> {
    await this.#flights.get(key)?.catch(() => undefined);
  }
}
