/**
 * Live progress on stderr while a benchmark runs (stdout carries only the results): on a terminal
 * one line redrawn at most 10 times a second, otherwise a line every 2 seconds.
 */
const tty = process.stderr.isTTY;
const began = performance.now();

function stamp(): string {
  return `[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s]`;
}

/** A line of its own on stderr: which phase starts, what a tool said. */
export function say(message: string): void {
  process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${stamp()} ${message}\n`);
}

export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #unit: string;
  readonly #started = performance.now();
  #shownAt = 0;

  constructor(label: string, total: number, unit = 'msg') {
    this.#label = label;
    this.#total = total;
    this.#unit = unit;
  }

  /** `done` of `total` so far; drawn only when it is time to. */
  update(done: number, note = ''): void {
    const now = performance.now();
    if (now - this.#shownAt < (tty ? 100 : 2000)) return;
    this.#shownAt = now;
    this.#draw(done, note, false);
  }

  /** Redraws from `read()` every 100 ms until the returned function is called, which draws the last line. */
  watch(read: () => { done: number; note?: string }): () => void {
    const timer = setInterval(() => {
      const { done, note } = read();
      this.update(done, note);
    }, 100);
    return () => {
      clearInterval(timer);
      const { done, note } = read();
      this.finish(done, note);
    };
  }

  finish(done: number, note = ''): void {
    this.#draw(done, note, true);
  }

  #draw(done: number, note: string, last: boolean): void {
    const seconds = (performance.now() - this.#started) / 1000;
    const share = this.#total > 0 ? Math.min(1, done / this.#total) : 0;
    const filled = Math.round(share * 20);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
    const rate = seconds > 0 ? Math.round(done / seconds).toLocaleString('en-US') : '0';
    const text =
      `${stamp()} ${this.#label} ${bar} ${Math.round(share * 100)
        .toString()
        .padStart(3)}% ` +
      `${done.toLocaleString('en-US')}/${this.#total.toLocaleString('en-US')} ${this.#unit}, ${rate} ${this.#unit}/s` +
      (note === '' ? '' : `, ${note}`);
    process.stderr.write(tty ? `\r\x1b[2K${text}${last ? '\n' : ''}` : `${text}\n`);
  }
}

/**
 * Keeps a run going to its clean-up (deleting its topics or folder) when stdout is closed early,
 * as by `| head`: the failed write is dropped instead of ending the process on the spot.
 */
export function survivePipeClose(): void {
  process.stdout.on('error', () => undefined);
}
