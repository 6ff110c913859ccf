import type { Decider } from '../aggregate/decider.ts';

/** A tiny aggregate the contract (and its docs) use: a counter with a ceiling. */
export type CounterEvent =
  | { readonly type: 'CounterIncremented'; readonly data: { readonly by: number } }
  | { readonly type: 'CounterReset'; readonly data: { readonly reason: string } };

export type CounterCommand =
  { readonly type: 'Increment'; readonly by: number } | { readonly type: 'Reset'; readonly reason: string };

export interface CounterState {
  readonly value: number;
  readonly increments: number;
}

export class CounterError extends Error {
  readonly code: 'COUNTER.INVALID_STEP' | 'COUNTER.LIMIT_REACHED';

  constructor(code: CounterError['code'], message: string) {
    super(message);
    this.name = 'CounterError';
    this.code = code;
  }
}

export const counterLimit = 1000;

export const counterDecider: Decider<CounterState, CounterCommand, CounterEvent> = {
  initialState: () => ({ value: 0, increments: 0 }),
  decide(command, state) {
    if (command.type === 'Reset') {
      return state.value === 0 ? [] : [{ type: 'CounterReset', data: { reason: command.reason } }];
    }
    if (!Number.isInteger(command.by) || command.by < 1) {
      throw new CounterError('COUNTER.INVALID_STEP', `a step must be a positive integer, got ${command.by}`);
    }
    if (state.value + command.by > counterLimit) {
      throw new CounterError('COUNTER.LIMIT_REACHED', `the counter stops at ${counterLimit}`);
    }
    return [{ type: 'CounterIncremented', data: { by: command.by } }];
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CounterIncremented':
        return { value: state.value + event.data.by, increments: state.increments + 1 };
      case 'CounterReset':
        return { value: 0, increments: state.increments };
    }
  },
};
