import { resolveRetryPolicy, type ResolvedRetryPolicy, type RetryPolicy } from '@eventflow/bus';
import { validatePolicyData } from '@eventflow/resilience';
import { SagaError, type StepFailure } from '../errors.ts';

/** Retries, backoff and the time limit of one attempt, as data (the bus's RetryPolicy, as resilience's). */
export interface StepPolicy {
  /**
   * How a failed attempt is tried again. Attempts interrupted by a crash count. A field left out of a
   * given policy takes RetryPolicy's default (5 tries, 100 ms, 10 s, ×2, full jitter).
   * @default defaultRetry: 3 tries, 100 ms doubling to at most 5 s, full jitter
   */
  readonly retry?: RetryPolicy;
  /**
   * Time limit of one attempt, in milliseconds; its `signal` aborts and the attempt counts as failed.
   * @default 30_000
   */
  readonly timeoutMs?: number;
  /**
   * Whether a failed attempt is worth trying again. false skips the remaining tries: the step gives up
   * at once (compensation follows). A permanent error (`permanentError`, or any error with
   * `retryable: false`) is never tried again, whatever this says. It sees timeouts too (`SagaError`
   * `SAGA.STEP_TIMEOUT`); an attempt cut short by a crash is always retried.
   * @default every error is worth another try
   */
  readonly retryable?: (error: unknown) => boolean;
}

/** A step's policy with every field set. */
export interface ResolvedStepPolicy {
  readonly retry: ResolvedRetryPolicy;
  readonly timeoutMs: number;
  readonly retryable: (error: unknown) => boolean;
}

export const defaultRetry: ResolvedRetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitter: 'full',
};
export const defaultTimeoutMs = 30_000;
const everyError = (): boolean => true;

/** What an action (or a compensation) is given. */
export interface StepContext<Input> {
  readonly sagaId: string;
  readonly saga: string;
  readonly step: string;
  /** 1 on the first try, then 2, 3… — also after a crash, since the try that died counted. */
  readonly attempt: number;
  /**
   * `<sagaId>:<step>` for the action, `<sagaId>:<step>:compensate` for its compensation: the same on
   * every attempt, so a service that deduplicates by it applies the effect once however often it is sent.
   */
  readonly idempotencyKey: string;
  readonly input: Input;
  /** What the steps before this one returned, by step name. */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly correlationId: string;
  /** Aborted at the policy's time limit, or when the worker loses the instance. */
  readonly signal: AbortSignal;
}

export interface CompensationContext<Input, Output> extends StepContext<Input> {
  /** What the action returned; undefined when the action itself is the one that failed. */
  readonly output: Output | undefined;
  /** Why the saga is being compensated, as text (`<step>: <code>: <message>`), for people. */
  readonly reason: string;
  /** The same, as data. Undefined only for an instance that began compensating before the engine kept it. */
  readonly failure: StepFailure | undefined;
}

/** A named action paired with its compensation (one file per step is the house style). */
export interface StepDefinition<Input = unknown, Output = unknown> {
  readonly name: string;
  /** Runs at least once: make it idempotent, by `ctx.idempotencyKey`. Returns JSON-serialisable data. */
  action(ctx: StepContext<Input>): Promise<Output>;
  /** Undoes the action; must be idempotent and accept that the action may not have taken effect. */
  compensate?(ctx: CompensationContext<Input, Output>): Promise<void>;
  /**
   * false: once done, this step cannot be undone (the pivot). A failure after it no longer compensates:
   * the later steps are retried per their policy and, when they give up, the saga is FAILED for a person.
   */
  readonly undoable: boolean;
  readonly policy: ResolvedStepPolicy;
  readonly compensationPolicy: ResolvedStepPolicy;
}

export interface StepSpec<Input, Output> {
  readonly name: string;
  action(ctx: StepContext<Input>): Promise<Output>;
  compensate?(ctx: CompensationContext<Input, Output>): Promise<void>;
  /** Default true. */
  readonly undoable?: boolean;
  readonly policy?: StepPolicy;
  /** Default: the step's policy. */
  readonly compensationPolicy?: StepPolicy;
}

const legalName = /^[A-Za-z0-9._-]{1,100}$/;

function resolvePolicy(name: string, policy: StepPolicy | undefined, fallback?: ResolvedStepPolicy) {
  const retryable = policy?.retryable ?? fallback?.retryable ?? everyError;
  if (typeof retryable !== 'function') {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `step ${name}: policy.retryable must be a function`, { step: name });
  }
  try {
    const timeoutMs = policy?.timeoutMs ?? fallback?.timeoutMs ?? defaultTimeoutMs;
    validatePolicyData({ timeoutMs });
    const retry = resolveRetryPolicy(policy?.retry ?? fallback?.retry ?? defaultRetry);
    return { retry, timeoutMs, retryable } satisfies ResolvedStepPolicy;
  } catch (error) {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `step ${name}: ${(error as Error).message}`, { step: name });
  }
}

/** A step: its name, its action, its compensation and their policies, checked once. */
export function defineStep<Input, Output>(spec: StepSpec<Input, Output>): StepDefinition<Input, Output> {
  if (!legalName.test(spec.name)) {
    throw new SagaError(
      'SAGA.INVALID_ARGUMENT',
      `illegal step name ${JSON.stringify(spec.name)}: 1-100 of [A-Za-z0-9._-]`,
    );
  }
  const policy = resolvePolicy(spec.name, spec.policy);
  const step: StepDefinition<Input, Output> = {
    name: spec.name,
    action: (ctx) => spec.action(ctx),
    undoable: spec.undoable ?? true,
    policy,
    compensationPolicy: resolvePolicy(spec.name, spec.compensationPolicy, policy),
  };
  if (spec.compensate === undefined) return step;
  return { ...step, compensate: (ctx) => spec.compensate!(ctx) };
}
