import type { RecordedEvent } from '../events/types.ts';

/**
 * A place in the global order readAll uses: (transactionId, globalPosition), compared in that order.
 * Keep both parts: a global position alone is not a safe checkpoint when transactions commit out of
 * order (see read-all.ts).
 */
export interface Checkpoint {
  /** PostgreSQL xid8 as a decimal string (it exceeds 2^53 in principle). */
  readonly transactionId: string;
  readonly globalPosition: number;
}

/** Before every event. */
export const startCheckpoint: Checkpoint = { transactionId: '0', globalPosition: 0 };

export function checkpointOf(event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): Checkpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

/** Negative when `a` comes first, 0 when equal, positive when `b` comes first. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return Math.sign(a.globalPosition - b.globalPosition);
}
