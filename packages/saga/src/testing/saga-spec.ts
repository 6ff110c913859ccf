import assert from 'node:assert/strict';
import type { SagaEngine, StartOptions } from '../engine/engine.ts';
import type { SagaInstance } from '../engine/instance.ts';
import type { SagaLogEntry } from '../log/saga-log.ts';
import type { SagaStatus } from '../log/states.ts';

/** What a saga run ended as, for assertions of your own. */
export interface SagaOutcome {
  readonly instance: SagaInstance;
  /** Its saga log, oldest first. */
  readonly log: SagaLogEntry[];
  /** Steps whose action succeeded, in order. */
  readonly completed: string[];
  /** Steps whose compensation succeeded, in the order they ran. */
  readonly compensated: string[];
}

export interface SagaExpectation {
  readonly status: SagaStatus;
  /** The steps whose action succeeded, in order. */
  readonly completed?: readonly string[];
  /** The steps compensated, in the order they ran (reverse of the steps). */
  readonly compensated?: readonly string[];
  /** The instance's error matches. */
  readonly error?: RegExp;
}

export interface SagaThen {
  /** Awaits the end of the saga, asserts, and returns the outcome for more checks. */
  then(expected: SagaExpectation, more?: (outcome: SagaOutcome) => void | Promise<void>): Promise<SagaOutcome>;
}

export interface SagaWhen {
  /** Starts `saga` with `input` (the engine's worker runs it). */
  when(saga: string, input: unknown, options?: StartOptions): SagaThen;
}

export interface SagaGiven extends SagaWhen {
  /** Arranges the world first: fakes that fail or hang, rows to exist. */
  given(...arrange: ReadonlyArray<() => unknown>): SagaWhen;
}

/** Outcome of a finished instance, read back from the engine. */
export async function sagaOutcome(engine: SagaEngine, instance: SagaInstance): Promise<SagaOutcome> {
  const log = await engine.log.query({ sagaId: instance.id, limit: 1000 });
  const named = (state: SagaLogEntry['state']) =>
    log.filter((entry) => entry.state === state).map((entry) => entry.step ?? '');
  return { instance, log, completed: named('STEP_SUCCEEDED'), compensated: named('COMPENSATION_SUCCEEDED') };
}

/**
 * Given/when/then for sagas, on a real engine (PGlite or PostgreSQL), nothing mocked but the remote
 * services: `await sagaSpec(engine).given(() => payments.fail('processPayment')).when('order', order)
 * .then({ status: 'COMPENSATED', compensated: ['process-payment', 'reserve-inventory'] })`.
 */
export function sagaSpec(engine: SagaEngine, options: { readonly timeoutMs?: number } = {}): SagaGiven {
  const when =
    (arrange: ReadonlyArray<() => unknown>) =>
    (saga: string, input: unknown, startOptions?: StartOptions): SagaThen => ({
      async then(expected, more) {
        for (const step of arrange) await step();
        engine.startWorker();
        const { id } = await engine.start(saga, input, startOptions);
        const instance = await engine.waitFor(id, { timeoutMs: options.timeoutMs ?? 30_000 });
        const outcome = await sagaOutcome(engine, instance);
        const why = `saga ${id}: ${instance.status} ${instance.error ?? ''}`;
        assert.equal(instance.status, expected.status, why);
        if (expected.completed !== undefined) assert.deepEqual(outcome.completed, expected.completed, why);
        if (expected.compensated !== undefined) assert.deepEqual(outcome.compensated, expected.compensated, why);
        if (expected.error !== undefined) assert.match(instance.error ?? '', expected.error);
        await more?.(outcome);
        return outcome;
      },
    });
  return { given: (...arrange) => ({ when: when(arrange) }), when: when([]) };
}
