import type { AppendedHook } from '@eventflow/eventstore';
import { applyEvents, type Projection } from '../projection.ts';
import type { SqlContext } from '../sql/sql-read-model.ts';

/**
 * Projections applied inside every append's transaction (EventStoreOptions.onAppended; with the outbox,
 * through combineAppendedHooks): the read model changes with the events or, if anything fails, neither
 * does. Only same-database read models can be inline. Do not also run the same projection async.
 */
export function inlineProjections(projections: ReadonlyArray<Projection<SqlContext>>): AppendedHook {
  return async (tx, events) => {
    for (const projection of projections) await applyEvents(projection, tx, events);
  };
}
