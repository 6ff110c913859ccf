import { setTimeout as sleep } from 'node:timers/promises';

/** Awaits `work`, or fails saying what did not finish once `ms` have passed: no run waits forever. */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const stop = new AbortController();
  const timeout = sleep(ms, undefined, { signal: stop.signal }).then(() => {
    throw new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    stop.abort();
    timeout.catch(() => undefined);
  }
}

/** A promise with its resolve at hand, settled by whoever sees the condition happen. */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
