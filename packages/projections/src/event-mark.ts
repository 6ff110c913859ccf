import type { RecordedEvent } from '@eventflow/eventstore';

const pad = (value: string | number): string => String(value).padStart(20, '0');

/**
 * An event's place in readAll's order as a string that sorts like the order: the transaction id and the
 * global position, zero-padded, then the index of the write within the handler (so one event may change
 * a document twice). External read models store the mark of the last write a document took, and skip a
 * write whose mark is not above it: the write was applied already, before a crash or a replay.
 */
export function eventMark(event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>, write: number): string {
  return `${pad(event.transactionId)}:${pad(event.globalPosition)}:${String(write).padStart(4, '0')}`;
}

/** One mark per write a handler makes for one event. */
export function markCounter(event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): () => string {
  let write = 0;
  return () => eventMark(event, write++);
}
