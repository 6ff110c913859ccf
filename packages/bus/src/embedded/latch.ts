/**
 * A wake-up for one waiter: `notify()` before `wait()` is not lost (the next wait returns at once),
 * and many notifies while nobody waits count as one.
 */
export class Latch {
  #set = false;
  #waiter: (() => void) | undefined;

  notify(): void {
    this.#set = true;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  wait(): Promise<void> {
    if (this.#set) {
      this.#set = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.#waiter = () => {
        this.#set = false;
        resolve();
      };
    });
  }
}
