import type { TestContext } from 'node:test';
import { EventStoreError, type EventStoreErrorCode } from '../../errors.ts';
import type { NewEvent } from '../../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { createEventStore } from '../../store/create-store.ts';
import type { EventStore, EventStoreOptions } from '../../store/types.ts';

/** A migrated schema of its own, on the adapter under test. */
export interface StoreUnderTest {
  readonly executor: SqlExecutor;
  readonly schema: string;
  /** Drops what the target created and closes its connections. */
  close(): Promise<void>;
}

export type MakeStore = () => Promise<StoreUnderTest>;

export type StoreOptions = Omit<EventStoreOptions, 'executor' | 'schema'>;

export interface OpenedStore {
  readonly store: EventStore;
  readonly target: StoreUnderTest;
  /** Another store over the same schema, with other options. */
  readonly withOptions: (options: StoreOptions) => EventStore;
}

export async function openStore(
  t: TestContext,
  makeStore: MakeStore,
  options: StoreOptions = {},
): Promise<OpenedStore> {
  const target = await makeStore();
  t.after(() => target.close());
  const withOptions = (other: StoreOptions): EventStore =>
    createEventStore({ ...other, executor: target.executor, schema: target.schema });
  return { store: withOptions(options), target, withOptions };
}

/** For assert.rejects: an EventStoreError with this code (and these details, if given). */
export function storeError(code: EventStoreErrorCode, details: Record<string, unknown> = {}) {
  return (error: unknown): boolean => {
    if (!(error instanceof EventStoreError) || error.code !== code) return false;
    return Object.entries(details).every(([key, value]) => Object.is(error.details[key], value));
  };
}

export function event(type: string, data: unknown, extra: Partial<NewEvent> = {}): NewEvent {
  return { type, data, ...extra };
}
