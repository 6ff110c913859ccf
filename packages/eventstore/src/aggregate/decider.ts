import type { DomainEvent } from '../events/types.ts';

/**
 * An aggregate as pure functions: no I/O, no clock, no ids (pass those in the command).
 * `decide` throws a typed error (with a stable `code`) to refuse a command.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The state after `events`, from the initial state or from `state`. */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
  state: State = decider.initialState(),
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
