import type { ReadThrough } from '@eventflow/cache';
import type { Keyring } from '@eventflow/privacy';
import type { DocumentOutbox } from '@eventflow/docstore/outbox';
import type { DataKeys } from './data-keys.ts';
import type { CachedUser } from './user.ts';
import type { UserCollection } from './user-store.ts';

/** What the use cases work with: the collection, its outbox, the cache in front of it, the clock and ids. */
export interface UsersDependencies {
  readonly users: UserCollection;
  readonly outbox: DocumentOutbox;
  readonly cache: ReadThrough<CachedUser>;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Derives the unique indexes' blind keys. */
  readonly keys: Keyring;
  /** Each person's data key (sealing their fields), kept apart; destroying one erases the person. */
  readonly dataKeys: DataKeys;
}

/** Where a use case reports what did not fail the request (a deferred publish, a cache failure). */
export type Warn = (fields: object, message: string) => void;
