import { advisoryLock, startCheckpoint, type Checkpoint, type EventStore } from '@eventflow/eventstore';
import { setCheckpoint } from '../checkpoints/checkpoints.ts';
import { checkpointStatements } from '../checkpoints/statements.ts';
import { projectionLockName, quotedSchema } from '../async/compiled.ts';
import { ProjectionError } from '../errors.ts';

/** Where a replay starts: after a checkpoint, or after the event at a global position. */
export type ReplayFrom = { readonly after: Checkpoint } | { readonly afterPosition: number };

/** Sets the checkpoint under the projection's lock (waiting for a round in progress to end). */
async function moveCheckpoint(store: EventStore, name: string, to: Checkpoint, reset: boolean): Promise<void> {
  const statements = checkpointStatements(quotedSchema(store));
  await store.transaction(async (tx) => {
    await advisoryLock(tx.sql, projectionLockName(store.schema, name));
    await setCheckpoint(tx.sql, statements, name, to, reset);
  });
}

/**
 * Rebuild from zero: moves the checkpoint to the start and asks for the read model to be cleared. The
 * projection's next round clears it in the same transaction that starts replaying (for a same-database
 * read model), or clears it again after a crash until a round commits (an external one). Resolves
 * once requested; the projection catches up as it runs (watch its lag).
 */
export function rebuildProjection(store: EventStore, name: string): Promise<void> {
  return moveCheckpoint(store, name, startCheckpoint, true);
}

async function checkpointAtPosition(store: EventStore, position: number): Promise<Checkpoint> {
  const statements = checkpointStatements(quotedSchema(store));
  const [row] = await store.sql.query<{ transaction_id: string }>(statements.positionCheckpoint, [position]);
  if (row === undefined) {
    throw new ProjectionError('PROJECTION.UNKNOWN_POSITION', `no event is stored at global position ${position}`, {
      position,
    });
  }
  return { transactionId: row.transaction_id, globalPosition: position };
}

/**
 * Replay from a chosen point: moves the checkpoint there, so every event after it is applied again
 * (the read model is not cleared). A same-database read model must take events again (upserts keyed
 * by what the event carries); an external one's idempotent writes skip what a document already holds,
 * so a replay restores what was lost (or restored from a backup) and changes nothing else.
 */
export async function replayProjection(store: EventStore, name: string, from: ReplayFrom): Promise<void> {
  const to = 'after' in from ? from.after : await checkpointAtPosition(store, from.afterPosition);
  if (!/^\d{1,20}$/.test(to.transactionId) || !Number.isSafeInteger(to.globalPosition) || to.globalPosition < 0) {
    throw new ProjectionError('PROJECTION.INVALID_ARGUMENT', 'a checkpoint is decimal digits and a position ≥ 0', {
      from,
    });
  }
  await moveCheckpoint(store, name, to, false);
}
