import { validatePolicyData, type RetryData } from '@eventflow/resilience';
import { isRetryable, SagaError } from '../errors.ts';

/** Retries, backoff and the time limit of one attempt, as data (the same shape as @eventflow/resilience's). */
export interface StepPolicy {
  /** Default: 3 tries, 100 ms doubling to at most 5 s, full jitter. Attempts interrupted by a crash count. */
  readonly retry?: RetryData;
  /** Time limit of one attempt; its `signal` aborts and the attempt counts as failed. Default 30 000. */
  readonly timeoutMs?: number;
  /**
   * Whether a failed attempt is worth trying again. false skips the remaining tries: the step gives up
   * at once (compensation follows). Default: every error but one with `retryable: false` (see
   * `permanentError`). It sees timeouts too (`SagaError` `SAGA.STEP_TIMEOUT`); an attempt cut short
   * by a crash is always retried.
   */
  readonly retryable?: (error: unknown) => boolean;
}

export const defaultRetry: RetryData = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000, multiplier: 2 };
export const defaultTimeoutMs = 30_000;

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
  /** Why the saga is being compensated (the failure of the step that gave up). */
  readonly reason: string;
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
  readonly policy: Required<StepPolicy>;
  readonly compensationPolicy: Required<StepPolicy>;
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

function resolvePolicy(name: string, policy: StepPolicy | undefined, fallback?: Required<StepPolicy>) {
  const resolved: Required<StepPolicy> = {
    retry: policy?.retry ?? fallback?.retry ?? defaultRetry,
    timeoutMs: policy?.timeoutMs ?? fallback?.timeoutMs ?? defaultTimeoutMs,
    retryable: policy?.retryable ?? fallback?.retryable ?? isRetryable,
  };
  if (typeof resolved.retryable !== 'function') {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `step ${name}: policy.retryable must be a function`, { step: name });
  }
  try {
    validatePolicyData({ retry: resolved.retry, timeoutMs: resolved.timeoutMs });
  } catch (error) {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `step ${name}: ${(error as Error).message}`, { step: name });
  }
  return resolved;
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
