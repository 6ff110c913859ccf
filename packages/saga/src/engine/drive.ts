import { backoffDelay, isPermanent } from '@eventflow/bus';
import type { SagaDefinition } from '../definition/saga.ts';
import type { ResolvedStepPolicy, StepDefinition } from '../definition/step.ts';
import { describeError, failureOf, SagaError } from '../errors.ts';
import type { SagaObserver } from '../metrics/observer.ts';
import { runAttempt, type AttemptOutcome } from './attempt.ts';
import type { ClaimedRow } from './instance.ts';
import { persistTransition, type DriveState, type PendingLog, type TransitionTarget } from './transition.ts';

export interface DriveContext {
  readonly target: TransitionTarget;
  readonly renewSql: string;
  readonly observer: () => SagaObserver;
  readonly stopping: () => boolean;
  /** A retry falls due in this many ms: look again then. */
  readonly wakeIn: (ms: number) => void;
  readonly onError: (error: unknown) => void;
  readonly random: () => number;
}

type Next = 'continue' | 'stop';

/**
 * Drives one claimed instance as far as it can go now: step after step (or compensation after
 * compensation), each start and each outcome persisted before the next thing happens, until it ends,
 * waits for a retry, or this worker stops (then it is released for another to take at once).
 */
export class InstanceDriver {
  readonly #context: DriveContext;
  readonly #saga: SagaDefinition;
  readonly #id: string;
  readonly #correlationId: string;
  readonly #state: DriveState;
  #pending: PendingLog[] = [];
  #ended = false;

  /** The first attempt's start was written with the instance (an eager start): do not write it again. */
  #attemptBegun: boolean;

  constructor(context: DriveContext, saga: SagaDefinition, row: ClaimedRow, options: { attemptBegun?: boolean } = {}) {
    this.#attemptBegun = options.attemptBegun ?? false;
    this.#context = context;
    this.#saga = saga;
    this.#id = row.id;
    this.#correlationId = row.correlation_id;
    this.#state = {
      status: row.status,
      step: Number(row.step),
      currentStep: row.current_step,
      attempt: Number(row.attempt),
      data: row.data,
      error: row.error,
    };
    if (row.previous_owner !== null) {
      this.#pending.push({ step: row.current_step, state: 'RESUMED', detail: { previousWorker: row.previous_owner } });
    }
  }

  /** Resolves true when the instance ended (COMPLETED, COMPENSATED or FAILED) here. */
  async run(): Promise<boolean> {
    const mismatch = definitionMismatch(this.#saga, this.#state);
    if (mismatch !== undefined) {
      await this.#end('FAILED', mismatch);
      return this.#ended;
    }
    for (;;) {
      if (this.#context.stopping()) {
        await this.#persist({ keepLease: false, dueInMs: 0 });
        return false;
      }
      const next = this.#state.status === 'RUNNING' ? await this.#forward() : await this.#backward();
      if (next === 'stop') return this.#ended;
    }
  }

  async #forward(): Promise<Next> {
    const step = this.#saga.steps[this.#state.step];
    if (step === undefined) return this.#end('COMPLETED', null);
    const state = this.#state;
    state.currentStep = step.name;
    const attempt = ++state.attempt;
    const outcome = await this.#attempt(step, 'STEP', step.policy.timeoutMs, (signal) =>
      step.action({ ...this.#stepContext(step, attempt, signal), idempotencyKey: `${this.#id}:${step.name}` }),
    );
    this.#context.observer().stepEnded?.(this.#saga.name, step.name, 'action', outcome.ok, outcome.durationMs);
    if (outcome.ok) {
      const { data } = state;
      state.data = {
        ...data,
        outputs: { ...data.outputs, [step.name]: (outcome.value as unknown) ?? null },
        completed: [...data.completed, step.name],
      };
      state.step += 1;
      state.attempt = 0;
      this.#log(step.name, 'STEP_SUCCEEDED', { attempt, durationMs: outcome.durationMs });
      return 'continue';
    }
    const error = describeError(outcome.error);
    if (await this.#retryLater(step, 'STEP_FAILED', step.policy, attempt, error, outcome)) return 'stop';
    const pivot = state.data.completed.filter((name) => this.#step(name)?.undoable === false).at(-1);
    if (pivot !== undefined) {
      return this.#end('FAILED', `${step.name} gave up after ${pivot}, which cannot be undone, was done: ${error}`);
    }
    const compensations = [step.name, ...state.data.completed.toReversed()].filter(
      (name) => this.#step(name)?.compensate !== undefined,
    );
    state.status = 'COMPENSATING';
    state.error = `${step.name}: ${error}`;
    state.data = { ...state.data, compensations, failure: failureOf(step.name, outcome.error) };
    state.step = 0;
    state.attempt = 0;
    this.#log(null, 'COMPENSATING', { error: state.error, detail: { failedStep: step.name, compensations } });
    return 'continue';
  }

  async #backward(): Promise<Next> {
    const state = this.#state;
    const name = state.data.compensations?.[state.step];
    if (name === undefined) return this.#end('COMPENSATED', state.error);
    const step = this.#step(name);
    if (step?.compensate === undefined) {
      return this.#end('FAILED', `compensation of ${name}: the saga definition has no such compensation`);
    }
    const compensate = step.compensate.bind(step);
    state.currentStep = name;
    const attempt = ++state.attempt;
    const reason = state.error ?? '';
    const outcome = await this.#attempt(step, 'COMPENSATION', step.compensationPolicy.timeoutMs, (signal) =>
      compensate({
        ...this.#stepContext(step, attempt, signal),
        idempotencyKey: `${this.#id}:${name}:compensate`,
        output: state.data.outputs[name],
        reason,
        failure: state.data.failure,
      }),
    );
    this.#context.observer().stepEnded?.(this.#saga.name, name, 'compensation', outcome.ok, outcome.durationMs);
    if (outcome.ok) {
      state.step += 1;
      state.attempt = 0;
      this.#log(name, 'COMPENSATION_SUCCEEDED', { attempt, durationMs: outcome.durationMs });
      return 'continue';
    }
    const error = describeError(outcome.error);
    if (await this.#retryLater(step, 'COMPENSATION_FAILED', step.compensationPolicy, attempt, error, outcome)) {
      return 'stop';
    }
    return this.#end('FAILED', `compensation of ${name} gave up: ${error}`);
  }

  /** Persists the attempt's start (with whatever came before it), then runs it. */
  async #attempt<T>(
    step: StepDefinition,
    kind: 'STEP' | 'COMPENSATION',
    timeoutMs: number,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<AttemptOutcome<T>> {
    if (this.#attemptBegun) this.#attemptBegun = false;
    else {
      this.#log(step.name, `${kind}_STARTED`, { attempt: this.#state.attempt });
      await this.#persist({ keepLease: true, dueInMs: 0 });
    }
    const { target } = this.#context;
    const outcome = await runAttempt(work, {
      timeoutMs,
      correlationId: this.#correlationId,
      causationId: this.#id,
      renewEveryMs: Math.max(10, Math.floor(target.leaseMs / 3)),
      renew: async () =>
        (await target.executor.query(this.#context.renewSql, [this.#id, target.worker, target.leaseMs])).length > 0,
      onError: this.#context.onError,
    });
    // Another worker has the instance now: this one decides nothing more about it.
    if (!outcome.ok && outcome.error instanceof SagaError && outcome.error.code === 'SAGA.LEASE_LOST')
      throw outcome.error;
    return outcome;
  }

  /**
   * A failed attempt with tries left, and an error the policy calls retryable: due again after the
   * backoff, released meanwhile. A permanent error (retryable false) gives up at once, said in the log.
   */
  async #retryLater(
    step: StepDefinition,
    state: 'STEP_FAILED' | 'COMPENSATION_FAILED',
    policy: ResolvedStepPolicy,
    attempt: number,
    error: string,
    outcome: { durationMs: number; error: unknown },
  ): Promise<boolean> {
    const triesLeft = attempt < policy.retry.maxAttempts;
    const retryable = triesLeft && this.#retryable(policy, outcome.error);
    const retryInMs = retryable ? backoffDelay(policy.retry, attempt, this.#context.random) : undefined;
    const detail =
      retryInMs !== undefined
        ? { retryInMs }
        : triesLeft
          ? { retryable: false, triesLeft: policy.retry.maxAttempts - attempt }
          : undefined;
    this.#log(step.name, state, {
      attempt,
      error,
      durationMs: outcome.durationMs,
      ...(detail === undefined ? {} : { detail }),
    });
    if (retryInMs === undefined) return false;
    await this.#persist({ keepLease: false, dueInMs: retryInMs });
    this.#context.wakeIn(retryInMs);
    return true;
  }

  /**
   * Never for a permanent error; else the policy's verdict, and a predicate that throws is reported and
   * counts as "retry" (the safe default).
   */
  #retryable(policy: ResolvedStepPolicy, error: unknown): boolean {
    if (isPermanent(error)) return false;
    try {
      return policy.retryable(error);
    } catch (thrown) {
      this.#context.onError(thrown);
      return true;
    }
  }

  async #end(status: 'COMPLETED' | 'COMPENSATED' | 'FAILED', error: string | null): Promise<Next> {
    const state = this.#state;
    state.status = status;
    state.error = error;
    // A FAILED instance keeps the step it gave up at: `retry(id)` goes on from there.
    if (status !== 'FAILED') state.currentStep = null;
    state.attempt = 0;
    this.#log(null, status, error === null ? {} : { error });
    await this.#persist({ keepLease: false, dueInMs: 0 });
    this.#context.observer().finished?.(this.#saga.name, status);
    this.#ended = true;
    return 'stop';
  }

  #stepContext(step: StepDefinition, attempt: number, signal: AbortSignal) {
    const { data } = this.#state;
    return {
      sagaId: this.#id,
      saga: this.#saga.name,
      step: step.name,
      attempt,
      input: data.input,
      outputs: data.outputs,
      correlationId: this.#correlationId,
      signal,
    };
  }

  #step(name: string): StepDefinition | undefined {
    return this.#saga.steps.find((step) => step.name === name);
  }

  #log(step: string | null, state: PendingLog['state'], fields: Omit<PendingLog, 'step' | 'state'> = {}): void {
    this.#pending.push({ step, state, ...fields });
  }

  async #persist(after: { keepLease: boolean; dueInMs: number }): Promise<void> {
    const logs = this.#pending;
    this.#pending = [];
    if (logs.length === 0 && after.keepLease) return;
    await persistTransition(this.#context.target, this.#id, this.#state, logs, after);
  }
}

/** Why a stored instance cannot be driven by this definition (steps renamed or reordered in flight). */
function definitionMismatch(saga: SagaDefinition, state: DriveState): string | undefined {
  const known = new Set(saga.steps.map((step) => step.name));
  const expected = saga.steps.slice(0, state.data.completed.length).map((step) => step.name);
  if (expected.join('\n') !== state.data.completed.join('\n') || state.step > saga.steps.length) {
    return `SAGA.DEFINITION_MISMATCH: completed steps ${state.data.completed.join(', ')} are not the first steps of ${saga.name}`;
  }
  const unknown = (state.data.compensations ?? []).filter((name) => !known.has(name));
  return unknown.length === 0 ? undefined : `SAGA.DEFINITION_MISMATCH: ${saga.name} has no step ${unknown.join(', ')}`;
}
