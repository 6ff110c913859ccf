import assert from 'node:assert/strict';
import type { Decider } from '../aggregate/decider.ts';
import type { DomainEvent } from '../events/types.ts';

export interface DeciderThen<State, Event> {
  /** The command yields exactly these events (deep equality, in order). */
  then(expected: readonly Event[]): void;
  /** The command is refused with an error whose `code` is this. */
  thenThrows(code: string): void;
  /** The state after the given events and the command's events. */
  thenState(expected: State): void;
}

export interface DeciderWhen<State, Command, Event> {
  when(command: Command): DeciderThen<State, Event>;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function outcome<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  given: readonly Event[],
  command: Command,
): DeciderThen<State, Event> {
  const state = (): State => given.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  return {
    then(expected) {
      // Awaiting `when(...)` calls then(resolve, reject): say so instead of a puzzling diff.
      if (typeof expected === 'function') throw new TypeError('do not await when(…): call .then(expectedEvents)');
      assert.deepStrictEqual(decider.decide(command, state()), expected);
    },
    thenThrows(code) {
      assert.throws(
        () => decider.decide(command, state()),
        (error: unknown) => {
          assert.equal(codeOf(error), code, `expected an error with code ${code}, got ${String(error)}`);
          return true;
        },
      );
    },
    thenState(expected) {
      const before = state();
      const after = decider.decide(command, before).reduce((s, e) => decider.evolve(s, e), before);
      assert.deepStrictEqual(after, expected);
    },
  };
}

/**
 * Given/when/then for a decider, no store involved:
 *   const { givenEvents } = deciderSpec(counter);
 *   givenEvents(incremented(2)).when(increment(1)).then([incremented(1)]);
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
): { readonly givenEvents: (...events: readonly Event[]) => DeciderWhen<State, Command, Event> } {
  return {
    givenEvents: (...events) => ({ when: (command) => outcome(decider, events, command) }),
  };
}
