import type { EventStore } from '@eventflow/eventstore';
import { checkpointStatements, type CheckpointStatements } from '../checkpoints/statements.ts';
import { defineProjection, type Projection } from '../projection.ts';

/** What an async projection settles once: its SQL, its lock and its batch size. */
export interface CompiledProjection<Context> {
  readonly projection: Projection<Context>;
  readonly statements: CheckpointStatements;
  readonly lockName: string;
  readonly batchSize: number;
}

/** The advisory lock held by whoever runs a round of, rebuilds or replays this projection. */
export function projectionLockName(schema: string, name: string): string {
  return `eventflow:projection:${schema}:${name}`;
}

/** The store's schema, quoted (the store has validated it). */
export function quotedSchema(store: Pick<EventStore, 'schema'>): string {
  return `"${store.schema}"`;
}

export function compileProjection<Context>(
  store: Pick<EventStore, 'schema'>,
  projection: Projection<Context>,
  batchSize = 100,
): CompiledProjection<Context> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be an integer ≥ 1');
  return {
    projection: defineProjection(projection),
    statements: checkpointStatements(quotedSchema(store)),
    lockName: projectionLockName(store.schema, projection.name),
    batchSize,
  };
}
