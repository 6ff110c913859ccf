import { within } from '../lib/deadline.ts';
import { Progress } from '../lib/progress.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import type { Contender } from './contenders.ts';

export interface LoopResult {
  readonly label: string;
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latency: Summary;
}

/** `concurrency` clients, each starting a saga and awaiting its end, then the next, until `count` have ended. */
export async function closedLoop(
  contender: Contender,
  count: number,
  concurrency: number,
  what: string,
): Promise<LoopResult> {
  const latencies = new Float64Array(count);
  let next = 0;
  let done = 0;
  const progress = new Progress(`${what}: ${contender.label}`, count, 'sagas');
  const stop = progress.watch(() => ({ done }));
  const began = performance.now();
  const client = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const start = performance.now();
      await contender.runOne(index);
      latencies[index] = performance.now() - start;
      done += 1;
    }
  };
  try {
    await within(Promise.all(Array.from({ length: concurrency }, client)), 30 * 60_000, `${what} (${contender.label})`);
  } finally {
    stop();
  }
  const seconds = (performance.now() - began) / 1000;
  return { label: contender.label, count, seconds, perSecond: count / seconds, latency: summarize(latencies) };
}
