import { eventually } from '@eventflow/bus/testing';
import type { RecordedEvent } from '../events/types.ts';
import { startCheckpoint, type Checkpoint } from '../read/checkpoint.ts';
import type { EventStore } from '../store/types.ts';

/**
 * Follows readAll as an async reader does (page by page, from a checkpoint) until `done` says it has
 * enough. readAll holds events back while older transactions run anywhere in the cluster (other tests
 * included), so a test awaits them rather than expecting them at once.
 */
export async function readAllUntil(
  store: EventStore,
  done: (events: readonly RecordedEvent[]) => boolean,
  options: { readonly after?: Checkpoint; readonly limit?: number; readonly timeoutMs?: number } = {},
): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint }> {
  const events: RecordedEvent[] = [];
  let checkpoint = options.after ?? startCheckpoint;
  await eventually(
    async () => {
      const page = await store.readAll({ after: checkpoint, limit: options.limit ?? 1000 });
      events.push(...page.events);
      checkpoint = page.checkpoint;
      return done(events);
    },
    'readAll to return the expected events',
    options.timeoutMs,
  );
  return { events, checkpoint };
}

export { eventually };
