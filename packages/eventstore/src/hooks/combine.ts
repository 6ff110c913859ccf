import type { RecordedEvent } from '../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';

/** What EventStoreOptions.onAppended takes: it runs inside the append's transaction. */
export type AppendedHook = (tx: SqlExecutor, events: readonly RecordedEvent[]) => Promise<void>;

/** Several hooks as one (say, the outbox and inline projections), run in order in the same transaction. */
export function combineAppendedHooks(...hooks: ReadonlyArray<AppendedHook | undefined>): AppendedHook {
  const present = hooks.filter((hook) => hook !== undefined);
  return async (tx, events) => {
    for (const hook of present) await hook(tx, events);
  };
}
