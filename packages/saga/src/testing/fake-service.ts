export interface FakeCall {
  readonly method: string;
  /** The idempotency key the caller sent. */
  readonly key: string;
  readonly args: unknown;
  readonly outcome: 'ok' | 'failed' | 'duplicate' | 'aborted';
}

export interface FakeService {
  readonly name: string;
  /**
   * Calls `method`: fails when scripted to, waits (until its signal aborts) when blocked, otherwise
   * applies the effect once per idempotency key — a repeated key is answered without a second effect.
   */
  call(method: string, key: string, args?: unknown, signal?: AbortSignal): Promise<void>;
  /** The next `times` calls of `method` fail (default: every call). */
  fail(method: string, error?: Error, times?: number): void;
  /** Calls of `method` wait until their signal aborts (a hung dependency). */
  hang(method: string): void;
  /** Every call of `method` (or of all), in order, with its outcome. */
  calls(method?: string): FakeCall[];
  /** Whether `method` was called at all (the spec's `toHaveBeenCalled`). */
  called(method: string): boolean;
  /** Effects applied by `method`: one per distinct idempotency key. */
  effects(method: string): string[];
}

/** A remote service for saga tests: records calls, deduplicates by idempotency key, fails or hangs on cue. */
export function fakeService(name: string): FakeService {
  const log: FakeCall[] = [];
  const applied = new Map<string, Set<string>>();
  const failures = new Map<string, { error: Error; times: number }>();
  const hanging = new Set<string>();
  return {
    name,
    async call(method, key, args, signal) {
      const failure = failures.get(method);
      if (failure !== undefined && failure.times > 0) {
        failure.times -= 1;
        log.push({ method, key, args, outcome: 'failed' });
        throw failure.error;
      }
      if (hanging.has(method)) {
        await new Promise<void>((_, reject) => {
          const stop = () =>
            reject(signal?.reason instanceof Error ? signal.reason : new Error(`${name}.${method} aborted`));
          if (signal?.aborted === true) stop();
          signal?.addEventListener('abort', stop, { once: true });
        }).catch((error: unknown) => {
          log.push({ method, key, args, outcome: 'aborted' });
          throw error;
        });
      }
      const keys = applied.get(method) ?? applied.set(method, new Set()).get(method)!;
      log.push({ method, key, args, outcome: keys.has(key) ? 'duplicate' : 'ok' });
      keys.add(key);
    },
    fail(method, error = new Error(`${name}.${method} failed`), times = Number.POSITIVE_INFINITY) {
      failures.set(method, { error, times });
    },
    hang(method) {
      hanging.add(method);
    },
    calls: (method) => log.filter((call) => method === undefined || call.method === method),
    called: (method) => log.some((call) => call.method === method),
    effects: (method) => [...(applied.get(method) ?? [])],
  };
}
