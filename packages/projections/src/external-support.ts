// Shared by the MongoDB and Redis tests: the same per-stream stats as test-support's SQL projection,
// written through an external read model's idempotent context.
import type { RecordedEvent } from '@eventflow/eventstore';
import type { StreamStats } from './test-support.ts';

export const amountOf = (event: RecordedEvent): number => (event.data as { n: number }).n;

/** Stats read back from documents or hashes, in the shape expectedStats returns. */
export function toStats(
  rows: ReadonlyArray<{ stream: string; events: unknown; total: unknown; lastVersion: unknown }>,
): StreamStats[] {
  return rows
    .map((row) => ({
      stream: row.stream,
      events: Number(row.events),
      total: Number(row.total),
      lastVersion: Number(row.lastVersion),
    }))
    .sort((a, b) => (a.stream < b.stream ? -1 : 1));
}
