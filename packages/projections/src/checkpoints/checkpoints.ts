import type { Checkpoint, SqlExecutor } from '@eventflow/eventstore';
import { ProjectionError } from '../errors.ts';
import type { CheckpointStatements } from './statements.ts';

export interface ProjectionCheckpoint {
  readonly checkpoint: Checkpoint;
  /** A rebuild asked for the read model to be cleared, and it has not been yet. */
  readonly resetPending: boolean;
}

interface CheckpointRow {
  readonly transaction_id: string;
  readonly global_position: string;
  readonly reset_pending: boolean;
}

function fromRow(row: CheckpointRow): ProjectionCheckpoint {
  return {
    checkpoint: { transactionId: row.transaction_id, globalPosition: Number(row.global_position) },
    resetPending: row.reset_pending,
  };
}

/** The projection's checkpoint, created at the start of the order the first time. */
export async function loadCheckpoint(
  tx: SqlExecutor,
  statements: CheckpointStatements,
  name: string,
): Promise<ProjectionCheckpoint> {
  const [row] = await tx.query<CheckpointRow>(statements.load, [name]);
  if (row !== undefined) return fromRow(row);
  await tx.query(statements.create, [name]);
  const [created] = await tx.query<CheckpointRow>(statements.load, [name]);
  return fromRow(created!);
}

/** Moves the checkpoint from `from` to `to` (and clears reset_pending), or throws if it moved meanwhile. */
export async function advanceCheckpoint(
  tx: SqlExecutor,
  statements: CheckpointStatements,
  name: string,
  from: Checkpoint,
  to: Checkpoint,
): Promise<void> {
  const params = [name, to.transactionId, to.globalPosition, from.transactionId, from.globalPosition];
  const rows = await tx.query(statements.advance, params);
  if (rows.length === 0) {
    throw new ProjectionError('PROJECTION.CHECKPOINT_MOVED', `the checkpoint of ${name} moved during a round`, {
      name,
    });
  }
}

/** Sets the checkpoint (a rebuild also asks for the read model to be cleared). */
export async function setCheckpoint(
  tx: SqlExecutor,
  statements: CheckpointStatements,
  name: string,
  to: Checkpoint,
  resetPending: boolean,
): Promise<void> {
  await tx.query(statements.set, [name, to.transactionId, to.globalPosition, resetPending]);
}
