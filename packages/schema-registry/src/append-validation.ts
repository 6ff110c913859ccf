import type { AppendedHook } from '@eventflow/eventstore';
import type { SchemaRegistry } from './registry.ts';

/**
 * An `onAppended` hook for the event store: each appended event's data must match the registered
 * schema of its type and schemaVersion, or the append fails (SCHEMA.INVALID_MESSAGE / NOT_FOUND) and
 * its transaction rolls back, so the event is never stored. Schemas are read through the append's own
 * transaction: the registry's tables must be in the event store's database (any schema).
 * Combine with others through `combineAppendedHooks(validateAppends(registry), outbox.onAppended)`.
 */
export function validateAppends(registry: SchemaRegistry): AppendedHook {
  return async (tx, events) => {
    for (const event of events) {
      await registry.validate(event.type, event.schemaVersion, event.data, { executor: tx });
    }
  };
}
