import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
  /** Pause between attempts; grows ×1.5 up to 1 s. */
  readonly initialDelayMs?: number;
  /** Names what we wait for in the error. */
  readonly what: string;
  /** Checked between attempts: a reason to stop waiting early (for example, the process died). */
  readonly abandonIf?: () => string | undefined;
}

/** Awaits `check` until it returns true, with a deadline: never a fixed sleep. */
export async function waitFor(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 100;
  for (;;) {
    if (await check()) return;
    const reason = options.abandonIf?.();
    if (reason !== undefined) throw new Error(`${options.what}: ${reason}`);
    if (Date.now() >= deadline) {
      throw new Error(`${options.what}: not ready after ${options.timeoutMs} ms`);
    }
    await sleep(delay);
    delay = Math.min(delay * 1.5, 1000);
  }
}
