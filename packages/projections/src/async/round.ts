import { tryAdvisoryLock, type EventStore } from '@eventflow/eventstore';
import { advanceCheckpoint, loadCheckpoint } from '../checkpoints/checkpoints.ts';
import { applyEvents, type Projection } from '../projection.ts';
import { compileProjection, type CompiledProjection } from './compiled.ts';

export interface ProjectionRound {
  /** Another instance held the projection's lock: this one did nothing. */
  readonly busy: boolean;
  /** Events read past (the checkpoint moved over them). */
  readonly read: number;
  /** Of those, the events `apply` handled. */
  readonly applied: number;
  /** A full batch came: there may be more. */
  readonly full: boolean;
}

const busy: ProjectionRound = { busy: true, read: 0, applied: 0, full: false };

/**
 * One batch, in one transaction that holds the projection's lock: clear the read model if a rebuild
 * asked for it, read the events after the checkpoint with readAll (so never past a transaction still
 * running), apply them, move the checkpoint. A same-database read model writes in this transaction, so
 * its writes and the checkpoint commit together; an external one has written already, and after a
 * failure the batch is applied again (its writes are idempotent).
 */
export async function runProjectionRound<Context>(
  store: EventStore,
  compiled: CompiledProjection<Context>,
): Promise<ProjectionRound> {
  const { projection, statements } = compiled;
  return store.transaction(async (tx) => {
    if (!(await tryAdvisoryLock(tx.sql, compiled.lockName))) return busy;
    const { checkpoint, resetPending } = await loadCheckpoint(tx.sql, statements, projection.name);
    if (resetPending) await projection.readModel.clear(tx.sql);
    const page = await tx.readAll({ after: checkpoint, limit: compiled.batchSize });
    const applied = await applyEvents(projection, tx.sql, page.events);
    if (page.events.length > 0 || resetPending) {
      await advanceCheckpoint(tx.sql, statements, projection.name, checkpoint, page.checkpoint);
    }
    return { busy: false, read: page.events.length, applied, full: page.events.length === compiled.batchSize };
  });
}

/** One round on its own: for tests, scripts and schedulers that bring their own loop. */
export function runProjectionOnce<Context>(
  store: EventStore,
  projection: Projection<Context>,
  options: { readonly batchSize?: number } = {},
): Promise<ProjectionRound> {
  return runProjectionRound(store, compileProjection(store, projection, options.batchSize));
}
