// The workload every candidate runs: enqueue N no-op jobs one call each (as the job server's API
// does), some calls in flight at once; then start the workers and time until all N are completed.

export interface Candidate {
  readonly name: string;
  /** Enqueues one no-op job. */
  enqueue(n: number): Promise<void>;
  /** Starts workers; resolves once `count` jobs have run and their completions are stored. */
  drain(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface Figures {
  readonly enqueuePerSecond: number;
  readonly processPerSecond: number;
  readonly overallPerSecond: number;
}

export async function measure(candidate: Candidate, jobs: number, inFlight: number): Promise<Figures> {
  const began = performance.now();
  await inParallel(jobs, inFlight, (n) => candidate.enqueue(n));
  const enqueued = performance.now();
  await candidate.drain(jobs);
  const drained = performance.now();
  const rate = (ms: number) => Math.round((jobs / ms) * 1000);
  return {
    enqueuePerSecond: rate(enqueued - began),
    processPerSecond: rate(drained - enqueued),
    overallPerSecond: rate(drained - began),
  };
}

async function inParallel(count: number, width: number, work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

/** A promise settled from outside, and a counter that settles it at a target. */
export function countdown(target: number): { tick(by?: number): void; readonly reached: Promise<void> } {
  let count = 0;
  let resolve: () => void = () => undefined;
  const reached = new Promise<void>((r) => (resolve = r));
  return {
    tick(by = 1) {
      count += by;
      if (count >= target) resolve();
    },
    reached,
  };
}
