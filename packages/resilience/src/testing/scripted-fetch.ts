/** One answer of a scripted fetch. */
export type ScriptStep =
  | { readonly status: number; readonly body?: string | object; readonly headers?: Readonly<Record<string, string>> }
  | { readonly fail: 'network' }
  | { readonly fail: 'hang' };

export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'];
}

/** A fetch that answers from a script, in order (the last step repeats), and records every call. */
export interface ScriptedFetch {
  (url: string | URL, init?: RequestInit): Promise<Response>;
  readonly calls: RecordedCall[];
  /** Resolves once `count` calls have been made (to act on a call in flight, such as a hung one). */
  called(count: number): Promise<void>;
}

/** What undici's fetch throws when nothing listens: TypeError "fetch failed", caused by ECONNREFUSED. */
export function networkError(): TypeError {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

export function scriptedFetch(steps: readonly ScriptStep[]): ScriptedFetch {
  if (steps.length === 0) throw new RangeError('a script needs at least one step');
  const calls: RecordedCall[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const fetch = (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const step = steps[Math.min(calls.length, steps.length - 1)] as ScriptStep;
    calls.push({ url: String(url), method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body });
    for (const waiter of waiters.filter((w) => w.count <= calls.length)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    return answer(step, init.signal ?? undefined);
  };
  const called = (count: number): Promise<void> =>
    calls.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }));
  return Object.assign(fetch, { calls, called });
}

function answer(step: ScriptStep, signal: AbortSignal | undefined): Promise<Response> {
  if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
  if ('fail' in step && step.fail === 'network') return Promise.reject(networkError());
  if ('fail' in step) {
    return new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  }
  const body = step.body === undefined || typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
  const type = typeof step.body === 'object' ? { 'content-type': 'application/json' } : {};
  return Promise.resolve(new Response(body ?? null, { status: step.status, headers: { ...type, ...step.headers } }));
}
