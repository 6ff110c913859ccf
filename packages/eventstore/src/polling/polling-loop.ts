import { backoffDelay } from '@eventflow/bus';
import { Listening, type NotificationSource } from './listening.ts';
import { pause, WakeSignal } from './wake-signal.ts';

/** 'more': look again at once (a full batch came); 'idle': wait for a wake-up or the poll interval. */
export type RoundOutcome = 'more' | 'idle';

/** Pauses after failed rounds, as policy data: initialDelayMs × multiplier^(failures − 1), capped. */
export interface ErrorBackoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  readonly jitter: 'full' | 'none';
}

export const defaultErrorBackoff: ErrorBackoff = {
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 'full',
};

export interface PollingLoopOptions {
  readonly round: () => Promise<RoundOutcome>;
  /** The fallback when no notification comes (or none can: no LISTEN, a held-back transaction). */
  readonly pollIntervalMs: number;
  readonly errorBackoff?: ErrorBackoff;
  /** Stops the loop, as `close()` does. */
  readonly signal?: AbortSignal;
  /** A round failed (it is retried after the backoff), or listening did. */
  readonly onError?: (error: unknown) => void;
  /** NOTIFYs on this channel wake the loop (PostgreSQL LISTEN, or PGlite's in-process listeners). */
  readonly notifications?: NotificationSource;
}

export interface PollingLoop {
  /** Look for work now (in-process callers that know there is some). */
  wake(): void;
  /** Lets the round in progress finish, stops listening, and resolves once the loop has ended. */
  close(): Promise<void>;
}

function checkOptions(options: PollingLoopOptions): void {
  if (!Number.isFinite(options.pollIntervalMs) || options.pollIntervalMs < 1) {
    throw new RangeError('pollIntervalMs must be a number ≥ 1');
  }
}

/** Runs `round` until closed: again at once after 'more', on a wake-up or poll after 'idle'. */
export function startPollingLoop(options: PollingLoopOptions): PollingLoop {
  checkOptions(options);
  const stop = new AbortController();
  const wakeSignal = new WakeSignal();
  const onError = options.onError ?? (() => undefined);
  const listening = new Listening(options.notifications, () => wakeSignal.wake(), onError, options.pollIntervalMs);
  const backoff = { ...(options.errorBackoff ?? defaultErrorBackoff), maxAttempts: Number.MAX_SAFE_INTEGER };
  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stop.signal.aborted) {
      await listening.ensure();
      wakeSignal.clear();
      try {
        const outcome = await options.round();
        failures = 0;
        if (outcome === 'idle') await wakeSignal.wait(options.pollIntervalMs, stop.signal);
      } catch (error) {
        failures += 1;
        onError(error);
        await pause(backoffDelay(backoff, failures), stop.signal);
      }
    }
    await listening.stop().catch(onError);
  };
  const done = run();
  const close = async (): Promise<void> => {
    stop.abort();
    await done;
  };
  options.signal?.addEventListener('abort', () => void close().catch(onError), { once: true });
  if (options.signal?.aborted === true) stop.abort();
  return { wake: () => wakeSignal.wake(), close };
}
