import { setTimeout as sleep } from 'node:timers/promises';

/** What a check answers while its condition does not hold yet. */
type NotYet = false | undefined | null;

/**
 * Awaits a condition with a deadline, never a fixed sleep: the platform's one wait helper. Calls
 * `check` (every 5 ms at first, backing off to 100 ms) until it answers something other than false,
 * undefined or null, and resolves with that answer: `await eventually(() => seen.length === 3, 'three
 * messages')`, or `const done = await eventually(async () => finished(await read()), 'the job')` with
 * `finished` answering the job once it is done, else undefined. Past `timeoutMs` it rejects, naming
 * `what` and the last answer.
 */
export async function eventually<T>(
  check: () => T | NotYet | Promise<T | NotYet>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const answer = await check();
    if (answer !== false && answer !== undefined && answer !== null) return answer;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last answer: ${String(answer)})`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}
