import { withCorrelation } from '@eventflow/correlation';
import { SagaError } from '../errors.ts';

export type AttemptOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly durationMs: number }
  | { readonly ok: false; readonly error: unknown; readonly durationMs: number };

export interface AttemptOptions {
  readonly timeoutMs: number;
  readonly correlationId: string;
  /** The causation of what the step sends: the saga instance. */
  readonly causationId: string;
  /** Called every `renewEveryMs` while the attempt runs; resolving false means the lease is lost. */
  readonly renew: () => Promise<boolean>;
  readonly renewEveryMs: number;
  readonly onError: (error: unknown) => void;
}

/**
 * One try of an action or compensation: inside the saga's correlation, with a signal aborted at the
 * time limit (the attempt fails then, even if the work ignores its signal) or when the lease is lost.
 */
export async function runAttempt<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: AttemptOptions,
): Promise<AttemptOutcome<T>> {
  const began = performance.now();
  const controller = new AbortController();
  let fail: (error: unknown) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => (fail = reject));
  const abort = (error: SagaError): void => {
    controller.abort(error);
    fail(error);
  };
  const timer = setTimeout(
    () => abort(new SagaError('SAGA.STEP_TIMEOUT', `attempt timed out after ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const renewal = setInterval(() => {
    options
      .renew()
      .then(
        (held) => held || abort(new SagaError('SAGA.LEASE_LOST', 'another worker took the instance over')),
        options.onError,
      );
  }, options.renewEveryMs);
  try {
    const running = withCorrelation({ correlationId: options.correlationId, causationId: options.causationId }, () =>
      work(controller.signal),
    );
    const value = await Promise.race([running, stopped]);
    return { ok: true, value, durationMs: performance.now() - began };
  } catch (error) {
    return { ok: false, error, durationMs: performance.now() - began };
  } finally {
    clearTimeout(timer);
    clearInterval(renewal);
  }
}
