// Live progress of a demo on stderr: one line per step of each job, with its correlation id, so
// that stdout carries only the summary; and a live status line (`live`) for a crowd of requests,
// redrawn in place on a terminal, written at most once a second otherwise.

export interface Tracked {
  readonly index: number;
  readonly count: number;
  readonly clientId: string;
  readonly correlationId: string;
}

export interface ProgressOptions {
  /** Whether stderr is a terminal: live lines are redrawn in place (default `process.stderr.isTTY`). */
  readonly tty?: boolean;
  /** Off a terminal, the least time between two live lines (default 1000 ms). */
  readonly liveEveryMs?: number;
}

export class Progress {
  readonly #began = Date.now();
  readonly #write: (text: string) => void;
  readonly #tty: boolean;
  readonly #liveEveryMs: number;
  /** A live line is on screen (terminal only): the next line replaces it. */
  #liveShown = false;
  #liveAt = 0;

  constructor(write: (text: string) => void = (text) => process.stderr.write(text), options: ProgressOptions = {}) {
    this.#write = write;
    this.#tty = options.tty ?? process.stderr.isTTY;
    this.#liveEveryMs = options.liveEveryMs ?? 1000;
  }

  /** A line about the whole run. */
  say(line: string): void {
    this.#write(`${this.#clear()}${this.#clock()}  ${line}\n`);
  }

  /** A step of one job: `[2/3] globex demo-…-2  ▸ processing   attempt 1`. */
  step(job: Tracked, status: string, detail = ''): void {
    const who = `[${job.index}/${job.count}] ${job.clientId.padEnd(8)} ${job.correlationId}`;
    this.#write(`${this.#clear()}${this.#clock()}  ${who}  ▸ ${status.padEnd(12)} ${detail}`.trimEnd() + '\n');
  }

  /**
   * The state of something in progress (`answers 120/500 …`): on a terminal it replaces the previous
   * live line; otherwise it is written as a line of its own when `liveEveryMs` has passed since the
   * last one, or when `force` (the last state of a phase).
   */
  live(line: string, force = false): void {
    if (this.#tty) {
      this.#write(`\r\x1b[2K${this.#clock()}  ${line}${force ? '\n' : ''}`);
      this.#liveShown = !force;
      return;
    }
    const now = Date.now();
    if (!force && now - this.#liveAt < this.#liveEveryMs) return;
    this.#liveAt = now;
    this.#write(`${this.#clock()}  ${line}\n`);
  }

  #clear(): string {
    if (!this.#liveShown) return '';
    this.#liveShown = false;
    return '\r\x1b[2K';
  }

  #clock(): string {
    return `+${((Date.now() - this.#began) / 1000).toFixed(1).padStart(5)} s`;
  }
}
