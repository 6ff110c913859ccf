import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServiceMetrics } from '@eventflow/service';
import { isPermanent } from '@eventflow/bus';
import { isBrokenCircuitError, isTaskCancelledError } from 'cockatiel';
import type { DelayHint } from './backoff.ts';
import { cockatielPolicy, type CockatielPolicy } from './cockatiel-policy.ts';
import { circuitOf, watchPolicy, type PolicyWatch } from './policy-watch.ts';
import type { CircuitState } from './metrics.ts';
import { validatePolicyData, type PolicyData } from './policy-data.ts';
import { translateError } from './translate.ts';

export interface PolicyOptions {
  /** Names the policy in errors and in the metrics' `name` label (e.g. "storage"). */
  readonly name: string;
  /** Reports the breaker's state, retries and rejections here (or later, through `observe`). */
  readonly metrics?: ServiceMetrics;
  /**
   * Which thrown errors are failures, retried and counted (default: all). Others pass through untouched,
   * as a permanent error (`permanentError` of @eventflow/bus) always does, whatever this says.
   */
  readonly isFailure?: (error: unknown) => boolean;
  /** Which returned values are failures (default: none). After the last try, the value is returned. */
  readonly isFailedResult?: (result: unknown) => boolean;
  /** How long a failure asked to wait before retrying (an HTTP Retry-After). */
  readonly delayHint?: DelayHint;
  /** The jitter's random source (default Math.random). */
  readonly random?: () => number;
}

export interface ExecuteOptions {
  /** false: one try only, still timed and through the breaker (a call that is not safe to repeat). */
  readonly retry?: boolean;
}

/** A composed policy: run calls through it; watch its breaker. */
export interface ResiliencePolicy {
  readonly name: string;
  readonly data: PolicyData;
  /** The breaker's state ('closed' when the policy has none). */
  readonly circuit: CircuitState;
  /** While the circuit is open, how long until it lets a trial call through; else 0. */
  retryAfterMs(): number;
  /**
   * Runs `fn` under the policy. `fn` gets a signal that aborts at the attempt's deadline, when the
   * attempt ends, or when the caller's `signal` aborts. Throws a ResilienceError when the policy
   * refuses or cuts the call short, the caller's abort reason when the caller gave up, else what
   * `fn` threw last.
   */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, options?: ExecuteOptions): Promise<T>;
  /** Reports into a service's metrics from now on; `dispose()` stops. */
  observe(metrics: ServiceMetrics): { dispose(): void };
}

/** The caller's signal of the call in progress: its own abort is never a failure of the callee. */
const callerScope = new AsyncLocalStorage<AbortSignal | undefined>();

function callerAborted(): boolean {
  return callerScope.getStore()?.aborted === true;
}

/** Builds the policy the data describes (validated first: bad data throws a RangeError). */
export function createPolicy(data: PolicyData, options: PolicyOptions): ResiliencePolicy {
  validatePolicyData(data);
  const isFailure = options.isFailure ?? (() => true);
  const policy: CockatielPolicy = cockatielPolicy(data, {
    isFailure: (error) =>
      !callerAborted() &&
      !isBrokenCircuitError(error) &&
      (isTaskCancelledError(error) || (!isPermanent(error) && isFailure(error))),
    isFailedResult: options.isFailedResult ?? (() => false),
    delayHint: options.delayHint,
    random: options.random,
  });
  const watch: PolicyWatch = watchPolicy(options.name, data, policy);
  if (options.metrics !== undefined) watch.observe(options.metrics);

  return {
    name: options.name,
    data,
    get circuit() {
      return circuitOf(policy.breaker);
    },
    retryAfterMs: () => watch.retryAfterMs(),
    observe: (metrics) => watch.observe(metrics),
    async execute(fn, signal, executeOptions = {}) {
      const composed = executeOptions.retry === false ? policy.withoutRetry : policy.withRetry;
      try {
        return await callerScope.run(signal, () => composed.execute(({ signal: inner }) => fn(inner), signal));
      } catch (error) {
        throw translateError(error, { name: options.name, signal, watch });
      }
    },
  };
}
