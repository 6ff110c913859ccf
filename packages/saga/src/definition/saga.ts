import { SagaError } from '../errors.ts';
import type { StepDefinition } from './step.ts';

/** A saga: a name and its steps, run in order and compensated in reverse. */
export interface SagaDefinition<Input = unknown> {
  readonly name: string;
  // Steps differ in their output types; the engine treats outputs as JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly steps: ReadonlyArray<StepDefinition<Input, any>>;
}

const legalName = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Checks a saga once: a legal name, at least one step, step names unique. Never reorder or rename the
 * steps of a saga with instances in flight; publish the new shape under a new name (`order-v2`).
 */
export function defineSaga<Input>(definition: SagaDefinition<Input>): SagaDefinition<Input> {
  if (!legalName.test(definition.name)) {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `illegal saga name ${JSON.stringify(definition.name)}`);
  }
  if (definition.steps.length === 0) {
    throw new SagaError('SAGA.INVALID_ARGUMENT', `saga ${definition.name} has no steps`);
  }
  const names = new Set<string>();
  for (const step of definition.steps) {
    if (names.has(step.name)) {
      throw new SagaError('SAGA.INVALID_ARGUMENT', `saga ${definition.name} has two steps named ${step.name}`);
    }
    names.add(step.name);
  }
  return { name: definition.name, steps: [...definition.steps] };
}
