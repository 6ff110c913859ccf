export { eventStoreContract } from './contract.ts';
export type { MakeStore, StoreUnderTest } from './contract/support.ts';
export {
  counterDecider,
  CounterError,
  counterLimit,
  type CounterCommand,
  type CounterEvent,
  type CounterState,
} from './counter.ts';
export { deciderSpec, type DeciderThen, type DeciderWhen } from './decider-spec.ts';
export { eventually, readAllUntil } from './wait.ts';
export { holdTransaction, type HeldTransaction } from './held-transaction.ts';
export { byKey, collectMessages, type Collected } from './collect.ts';
export { refuseWrites, type RefusedWrites, type RefuseWritesOptions } from './refuse-writes.ts';
export { cleanupStack, type Defer } from './cleanup.ts';
