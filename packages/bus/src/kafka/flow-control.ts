/** The part of a message stream back-pressure drives. */
export interface Pausable {
  pause(): unknown;
  resume(): unknown;
}

/**
 * Back-pressure with hysteresis: pauses fetching when `limit` records are pending, resumes once
 * they fall to half of it, so a busy subscription does not flap between the two.
 */
export class FlowControl {
  readonly #limit: number;
  #paused = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get paused(): boolean {
    return this.#paused;
  }

  update(pending: number, stream: Pausable | undefined): void {
    if (!this.#paused && pending >= this.#limit) {
      this.#paused = true;
      stream?.pause();
    } else if (this.#paused && pending <= Math.floor(this.#limit / 2)) {
      this.#paused = false;
      stream?.resume();
    }
  }

  /** A new stream starts in the current state. */
  adopt(stream: Pausable): void {
    if (this.#paused) stream.pause();
  }
}
