import type { Migration } from './migration.ts';
import { appendFunction } from './migrations/append-function.ts';
import { inbox } from './migrations/inbox.ts';
import { outbox } from './migrations/outbox.ts';
import { projectionCheckpoints } from './migrations/projection-checkpoints.ts';
import { streamsAndEvents } from './migrations/streams-events.ts';

export type { Migration };

/** The event store's schema, one file per step. Never edit a released migration: add the next one. */
export const migrations: readonly Migration[] = [
  streamsAndEvents,
  outbox,
  inbox,
  projectionCheckpoints,
  appendFunction,
];
