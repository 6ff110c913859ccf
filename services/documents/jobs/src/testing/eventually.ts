import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Awaits a condition: calls `probe` until it answers something other than undefined (or false),
 * and resolves with it; rejects with `what` and the last answer past the deadline.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined && answer !== false) return answer;
    last = answer;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await sleep(50);
  }
}
