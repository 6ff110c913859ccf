/**
 * How a failed job is retried: at most `retryLimit` more attempts, the first after `retryDelay`
 * seconds; with `backoff`, each wait doubles (pg-boss adds jitter: delay × 2^n × [0.5, 1]),
 * capped at `retryDelayMax` seconds. Policy data, carried by every job.
 */
export interface RetryPolicy {
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly backoff: boolean;
  readonly retryDelayMax?: number;
}

export const defaultRetryPolicy: RetryPolicy = { retryLimit: 5, retryDelay: 2, backoff: true, retryDelayMax: 300 };

/** The JSON schema of a policy in a request (every member optional: the service's default fills in). */
export const retryPolicySchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Retries of this job; what is left out comes from the server’s default policy',
  properties: {
    retryLimit: { type: 'integer', minimum: 0, maximum: 100 },
    retryDelay: { type: 'integer', minimum: 0, maximum: 86_400, description: 'Seconds before the first retry' },
    backoff: { type: 'boolean', description: 'Exponential backoff: each wait doubles' },
    retryDelayMax: {
      type: 'integer',
      minimum: 1,
      maximum: 604_800,
      description: 'Longest wait, in seconds (with backoff)',
    },
  },
} as const;

/** pg-boss's names for the same policy. */
export function bossRetryOptions(policy: RetryPolicy): {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
} {
  return {
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelay,
    retryBackoff: policy.backoff,
    // pg-boss caps only backed-off delays (and refuses a cap without backoff).
    ...(policy.retryDelayMax === undefined || !policy.backoff ? {} : { retryDelayMax: policy.retryDelayMax }),
  };
}

/** A request's partial policy over the default. */
export function mergePolicy(base: RetryPolicy, override: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...base, ...override };
}
