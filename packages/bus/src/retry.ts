/**
 * Retries as policy data, never hand-written loops: one shape for the bus, the saga engine,
 * resilience, the event store and the operation log (Temporal's RetryPolicy is the model). Every
 * field may be left out and then takes its `@default`. The pause after failed try n (1-based) is
 * min(maxDelayMs, initialDelayMs × multiplier^(n-1)); with 'full' jitter it is drawn uniformly in
 * [0, that]. An error marked permanent (`permanentError`) is never retried, whatever the policy.
 */
export interface RetryPolicy {
  /**
   * Tries in all, the first included: 1 means no retry; `Infinity` never gives up. After the last
   * failure a bus message goes to its dead-letter topic.
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * The pause after the first failed try, in milliseconds.
   * @default 100
   */
  readonly initialDelayMs?: number;
  /**
   * No pause is longer than this, in milliseconds; at least `initialDelayMs`.
   * @default 10_000
   */
  readonly maxDelayMs?: number;
  /**
   * Each pause is the one before it times this; at least 1 (1 keeps the pause constant).
   * @default 2
   */
  readonly multiplier?: number;
  /**
   * 'full' draws each pause uniformly in [0, pause] (AWS's "full jitter": retries of many callers
   * spread out); 'none' waits exactly the pause.
   * @default 'full'
   */
  readonly jitter?: 'full' | 'none';
}

/** A policy with every field set. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** Every field at its `@default`: 5 tries, 100 ms doubling to at most 10 s, full jitter. */
export const defaultRetryPolicy: ResolvedRetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 'full',
};

/** `policy` with each field left out at its default. */
export function withRetryDefaults(policy: RetryPolicy | undefined): ResolvedRetryPolicy {
  const defined = Object.entries(policy ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaultRetryPolicy, ...(Object.fromEntries(defined) as RetryPolicy) };
}

/** The pause before the try after failed attempt `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const { initialDelayMs, maxDelayMs, multiplier, jitter } = withRetryDefaults(policy);
  const exponential = initialDelayMs * multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(maxDelayMs, exponential);
  return Math.round(jitter === 'full' ? random() * capped : capped);
}

/** What is wrong with `policy` once its defaults are filled in, one phrase per bad field (none: fine). */
export function retryPolicyProblems(policy: RetryPolicy): string[] {
  const { maxAttempts, initialDelayMs, maxDelayMs, multiplier, jitter } = withRetryDefaults(policy);
  return [
    ...(maxAttempts === Infinity || (Number.isSafeInteger(maxAttempts) && maxAttempts >= 1)
      ? []
      : [`maxAttempts must be an integer ≥ 1 (or Infinity), got ${maxAttempts}`]),
    ...(Number.isFinite(initialDelayMs) && initialDelayMs >= 0 ? [] : ['initialDelayMs must be a number ≥ 0']),
    ...(maxDelayMs >= initialDelayMs ? [] : ['maxDelayMs must be ≥ initialDelayMs']),
    ...(multiplier >= 1 ? [] : ['multiplier must be ≥ 1']),
    ...(jitter === 'full' || jitter === 'none' ? [] : ["jitter must be 'full' or 'none'"]),
  ];
}

/** Returns `policy` when it makes sense, or throws a RangeError naming every bad field. */
export function validateRetryPolicy<T extends RetryPolicy>(policy: T): T {
  const problems = retryPolicyProblems(policy);
  if (problems.length > 0) throw new RangeError(`invalid retry policy: ${problems.join('; ')}`);
  return policy;
}

/** `policy` checked, with each field left out at its default. */
export function resolveRetryPolicy(policy: RetryPolicy | undefined): ResolvedRetryPolicy {
  return validateRetryPolicy(withRetryDefaults(policy));
}
