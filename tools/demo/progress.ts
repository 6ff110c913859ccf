// Live progress of a demo on stderr: one line per step of each job, with its correlation id, so
// that stdout carries only the summary.

export interface Tracked {
  readonly index: number;
  readonly count: number;
  readonly clientId: string;
  readonly correlationId: string;
}

export class Progress {
  readonly #began = Date.now();
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void = (text) => process.stderr.write(text)) {
    this.#write = write;
  }

  /** A line about the whole run. */
  say(line: string): void {
    this.#write(`${this.#clock()}  ${line}\n`);
  }

  /** A step of one job: `[2/3] globex demo-…-2  ▸ processing   attempt 1`. */
  step(job: Tracked, status: string, detail = ''): void {
    const who = `[${job.index}/${job.count}] ${job.clientId.padEnd(8)} ${job.correlationId}`;
    this.#write(`${this.#clock()}  ${who}  ▸ ${status.padEnd(12)} ${detail}`.trimEnd() + '\n');
  }

  #clock(): string {
    return `+${((Date.now() - this.#began) / 1000).toFixed(1).padStart(5)} s`;
  }
}
