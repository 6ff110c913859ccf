import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../events/types.ts';
import { startCheckpoint, type Checkpoint } from '../read/checkpoint.ts';
import type { EventStore } from '../store/types.ts';

/** Awaits a condition with a deadline: never a fixed sleep. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
}

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
