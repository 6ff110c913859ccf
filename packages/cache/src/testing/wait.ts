import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it holds (every 20 ms), or rejects past the deadline: never a fixed sleep. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
