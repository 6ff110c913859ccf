import type { RecordedEvent, SqlExecutor } from '@eventflow/eventstore';
import { ProjectionError } from './errors.ts';

/**
 * Where a projection writes. `context` gives a handler what it writes through for one event; `tx` is
 * the transaction the projection's checkpoint is saved in. A read model in the same database writes
 * through `tx`, so its writes and the checkpoint commit together (each event applied exactly once); an
 * external one (MongoDB, Redis) writes before the checkpoint commits, so after a crash a batch is
 * applied again, and its context makes each write idempotent.
 */
export interface ReadModel<Context> {
  readonly kind: string;
  context(tx: SqlExecutor, event: RecordedEvent): Context;
  /** Empties the read model before a rebuild replays every event into it. */
  clear(tx: SqlExecutor): Promise<void>;
}

/** A read model and how events change it. Keep `apply` deterministic: a replay must do the same. */
export interface Projection<Context> {
  /** Unique per store schema: it names the checkpoint. [A-Za-z0-9_.:-], at most 200. */
  readonly name: string;
  readonly readModel: ReadModel<Context>;
  /** Only these types reach `apply` (the checkpoint still passes the others). Default: all. */
  readonly eventTypes?: readonly string[];
  apply(event: RecordedEvent, context: Context): Promise<void>;
}

const legalName = /^[A-Za-z0-9_.:-]{1,200}$/;

/** Checks the definition once; returns it as it is. */
export function defineProjection<Context>(projection: Projection<Context>): Projection<Context> {
  if (!legalName.test(projection.name)) {
    throw new ProjectionError(
      'PROJECTION.INVALID_ARGUMENT',
      `illegal projection name ${JSON.stringify(projection.name)}`,
    );
  }
  return projection;
}

/** Whether `apply` wants this event. */
export function handles(projection: Pick<Projection<unknown>, 'eventTypes'>, event: RecordedEvent): boolean {
  return projection.eventTypes === undefined || projection.eventTypes.includes(event.type);
}

/** Applies the events a projection handles, in order, through its read model's context. */
export async function applyEvents<Context>(
  projection: Projection<Context>,
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
): Promise<number> {
  let applied = 0;
  for (const event of events) {
    if (!handles(projection, event)) continue;
    await projection.apply(event, projection.readModel.context(tx, event));
    applied += 1;
  }
  return applied;
}
